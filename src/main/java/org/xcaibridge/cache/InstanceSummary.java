package org.xcaibridge.cache;

/**
 * What the store knows about a complete entry without opening it: enough to build a multipart part
 * header or answer "how many frames" (the full header is in the Part 10 bytes).
 *
 * @param part10Length         length of the Part 10 bytes, which start at offset 0 of the entry
 * @param pixelDataValueOffset where the Pixel Data value starts (native) or its first item's value
 *                             (encapsulated), or -1 when the instance has no pixel data
 * @param numberOfFrames       0 without pixel data
 * @param hasFrameTable        true when a frame offset table was built and stored with the entry
 */
public record InstanceSummary(InstanceKey key, String sopClassUid, String transferSyntaxUid, int numberOfFrames,
                              int rows, int columns, long part10Length, long pixelDataValueOffset,
                              boolean hasFrameTable) {
  public InstanceSummary {
    if (key == null || sopClassUid == null || transferSyntaxUid == null) {
      throw new IllegalArgumentException("key, sopClassUid and transferSyntaxUid must be set");
    }
    if (part10Length < 0 || numberOfFrames < 0 || pixelDataValueOffset < -1 || pixelDataValueOffset >= part10Length) {
      throw new IllegalArgumentException("inconsistent summary: part10Length " + part10Length + ", frames "
          + numberOfFrames + ", pixel data at " + pixelDataValueOffset);
    }
  }
}
