package org.xcaibridge.dicom;

/**
 * The pixel data of an instance cannot be cut into frames: a required Image Pixel attribute is missing
 * or invalid, the attributes disagree with the pixel data's length, an offset table points outside the
 * data, or a stored {@link FrameOffsetTable} is damaged. Says where, when the trouble has a place.
 */
public class PixelDataException extends RuntimeException {
  /** Used for {@link #offset()} when the problem is not tied to a byte position (a missing attribute). */
  public static final long NO_OFFSET = -1;

  private final long offset;

  public PixelDataException(String message) {
    this(message, NO_OFFSET);
  }

  public PixelDataException(String message, long offset) {
    super(offset == NO_OFFSET ? message : message + " (at byte offset " + offset + ")");
    this.offset = offset;
  }

  /**
   * Byte offset where the problem was found: in the source for data and offset tables, in the stored
   * table for {@link FrameOffsetTable#fromBytes}; {@link #NO_OFFSET} when it has no place.
   */
  public long offset() {
    return offset;
  }
}
