package org.xcaibridge.soap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Records what a {@link MultipartParser} reports, joining each part's slices so that results of different
 * chunkings compare equal, and checking the event order as it goes.
 */
final class MultipartRecorder implements MultipartHandler {
  /** One part as received: its header and its whole content. */
  record Part(MultipartPart header, byte[] body) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Part p && p.header.equals(header) && Arrays.equals(p.body, body);
    }

    @Override
    public int hashCode() {
      return header.hashCode() * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
      return header + " " + body.length + " bytes";
    }
  }

  final List<Part> parts = new ArrayList<>();
  boolean ended;
  int slices;
  private MultipartPart open;
  private ByteArrayOutputStream content;

  @Override
  public void partStart(MultipartPart part) {
    if (open != null || ended) {
      throw new AssertionError("partStart while a part is open or after end");
    }
    open = part;
    content = new ByteArrayOutputStream();
  }

  @Override
  public void partBody(ByteBuffer slice) {
    if (open == null) {
      throw new AssertionError("partBody outside a part");
    }
    if (!slice.hasRemaining()) {
      throw new AssertionError("empty slice");
    }
    slices++;
    byte[] b = new byte[slice.remaining()];
    slice.get(b);
    content.writeBytes(b);
  }

  @Override
  public void partEnd() {
    if (open == null) {
      throw new AssertionError("partEnd outside a part");
    }
    parts.add(new Part(open, content.toByteArray()));
    open = null;
  }

  @Override
  public void end() {
    if (open != null || ended) {
      throw new AssertionError("end inside a part or twice");
    }
    ended = true;
  }

  /** Parses {@code body} fed in the chunk sizes given (cycled), then finishes. */
  static MultipartRecorder parse(String boundary, byte[] body, MtomLimits limits, int... chunkSizes) {
    MultipartRecorder r = new MultipartRecorder();
    MultipartParser p = new MultipartParser(boundary, r, limits);
    int pos = 0;
    int k = 0;
    while (pos < body.length) {
      int n = Math.min(chunkSizes.length == 0 ? body.length : chunkSizes[k++ % chunkSizes.length], body.length - pos);
      p.feed(Arrays.copyOfRange(body, pos, pos + n)); // a fresh array, as a network read would give
      pos += n;
    }
    p.finish();
    return r;
  }

  /** Parses {@code body} fed in two chunks, cut at {@code cut} (0 and the body's length give one empty chunk). */
  static MultipartRecorder parseCut(String boundary, byte[] body, int cut) {
    MultipartRecorder r = new MultipartRecorder();
    MultipartParser p = new MultipartParser(boundary, r, MtomLimits.DEFAULT);
    p.feed(Arrays.copyOfRange(body, 0, cut));
    p.feed(Arrays.copyOfRange(body, cut, body.length));
    p.finish();
    return r;
  }
}
