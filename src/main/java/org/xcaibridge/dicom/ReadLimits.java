package org.xcaibridge.dicom;

/**
 * Bounds that keep hostile or broken input from costing more than it should.
 *
 * @param maxDepth      deepest sequence nesting accepted
 * @param maxValueBytes largest single value collected into memory ({@link ValueAction#KEEP})
 */
public record ReadLimits(int maxDepth, long maxValueBytes) {
  public static final ReadLimits DEFAULT = new ReadLimits(64, 256L << 20);

  public ReadLimits {
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth must be ≥ 1, was " + maxDepth);
    }
    if (maxValueBytes < 1 || maxValueBytes > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("maxValueBytes must be between 1 and 2^31-17, was " + maxValueBytes);
    }
  }
}
