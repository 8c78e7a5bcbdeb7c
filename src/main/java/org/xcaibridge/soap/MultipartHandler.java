package org.xcaibridge.soap;

import java.nio.ByteBuffer;

/**
 * Receives what a {@link MultipartParser} finds, in wire order: for each part {@link #partStart}, zero or more
 * {@link #partBody} slices, {@link #partEnd}; then {@link #end} once at the closing delimiter. Preamble,
 * epilogue, delimiters and the line breaks that belong to them are never passed on.
 */
public interface MultipartHandler {
  void partStart(MultipartPart part);

  /**
   * A piece of the current part's content. The slice is a read-only view of the fed chunk or of the parser's
   * small carry-over buffer, valid only during this call: copy what must outlive it.
   */
  void partBody(ByteBuffer slice);

  void partEnd();

  /** The closing delimiter was read; anything after it is epilogue and ignored. */
  void end();
}
