package org.xcaibridge.dicom;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The door to frame retrieval (PS3.18 §10.4.1.1.3 "frames"): frame N of an instance, 1-based, as the
 * bytes a WADO-RS frames response carries. Native frames come back exactly as many bytes as one frame
 * has, little endian (1-bit frames repacked to start at bit 0, LSB first, as PS3.5 §8.1.1 packs them);
 * encapsulated frames as the concatenation of their fragments.
 *
 * <p>Two ways in: from an instance read into memory ({@link ReadOptions#ALL}), or from a
 * {@link FrameOffsetTable} (built once, kept beside the file) and a {@link RangeReader} over the file,
 * which costs one read per fragment of the frame.
 */
public final class Frames {
  private Frames() {}

  /**
   * Frame {@code n} of an instance whose pixel data is in memory.
   *
   * @throws FrameNotFoundException when {@code n} is not between 1 and the number of frames
   * @throws PixelDataException     when the attributes or offset tables do not fit the pixel data
   */
  public static byte[] frame(DicomFile file, int n) {
    FrameOffsetTable table = FrameOffsetTable.of(file);
    RangeReader memory = new InMemorySource(file);
    try {
      return frame(table, n, memory);
    } catch (IOException e) {
      throw new IllegalStateException("reading from memory cannot fail this way", e);
    }
  }

  /**
   * Frame {@code n} read through {@code source} at the places {@code table} gives.
   *
   * @throws FrameNotFoundException when {@code n} is not between 1 and the number of frames
   * @throws PixelDataException     when the source returns fewer bytes than the table promises
   */
  public static byte[] frame(FrameOffsetTable table, int n, RangeReader source) throws IOException {
    FrameOffsetTable.FrameLocation loc = table.locate(n);
    List<byte[]> parts = new ArrayList<>(loc.ranges().size());
    for (FrameOffsetTable.Range r : loc.ranges()) {
      parts.add(source.read(r.offset(), (int) r.length()));
    }
    return table.extract(loc, parts);
  }
}
