package org.xcaibridge.studies;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.ByteArrayOutputStream;
import org.xcaibridge.dicom.DicomFile;
import org.xcaibridge.dicom.DicomReader;
import org.xcaibridge.dicom.ReadLimits;
import org.xcaibridge.dicom.ReadOptions;

/**
 * Reads the header of a Part 10 instance from the start of its byte stream, stopping at Pixel Data: only the
 * header's bytes are read, and the stream is then closed (for an instance still downloading, its download goes
 * on). Binary values longer than the threshold are left as bulk data (their place is known, their bytes not
 * kept). The bytes read are kept too, up to {@link #MAX_PREFIX_BYTES}, so the Pixel Data element's own header
 * can be looked at.
 */
final class HeaderReader {
  /** The header bytes kept beside the parsed header. */
  static final int MAX_PREFIX_BYTES = 16 << 20;

  /** A parsed header and the bytes it was read from (empty when they outgrew {@link #MAX_PREFIX_BYTES}). */
  record Header(DicomFile file, byte[] prefix) {}

  private HeaderReader() {}

  /**
   * Reads {@code body} until its header is complete; {@code close} stops the stream early (it is called once the
   * header has been read, or on failure).
   */
  static Future<Header> read(ReadStream<Buffer> body, Runnable close, long bulkDataThreshold) {
    ReadOptions options = new ReadOptions(ReadOptions.PixelDataAction.STOP, bulkDataThreshold, ReadLimits.DEFAULT);
    DicomReader reader = new DicomReader(options);
    ByteArrayOutputStream prefix = new ByteArrayOutputStream(8192);
    boolean[] overflow = {false};
    Promise<Header> result = Promise.promise();
    body.exceptionHandler(result::tryFail);
    body.endHandler(v -> {
      try {
        result.tryComplete(new Header(reader.end(), overflow[0] ? new byte[0] : prefix.toByteArray()));
      } catch (RuntimeException e) {
        result.tryFail(e);
      }
    });
    body.handler(chunk -> {
      if (result.future().isComplete()) {
        return;
      }
      byte[] b = chunk.getBytes();
      try {
        if (!overflow[0] && prefix.size() + b.length <= MAX_PREFIX_BYTES) {
          prefix.write(b, 0, b.length);
        } else {
          overflow[0] = true;
        }
        reader.feed(b, 0, b.length);
        if (reader.done()) {
          close.run();
          result.tryComplete(new Header(reader.end(), overflow[0] ? new byte[0] : prefix.toByteArray()));
        }
      } catch (RuntimeException e) {
        close.run();
        result.tryFail(e);
      }
    });
    return result.future();
  }
}
