package org.xcaibridge.soap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** The shared IHE fixtures, and HTTP wire captures split into Content-Type and body. */
final class MtomFixtures {
  private MtomFixtures() {}

  static Path sharedIhe() {
    return Path.of(System.getProperty("xcai.fixtures", "../shared/fixtures")).resolve("ihe");
  }

  /** Fixture 16: an Axis2 ITI-41 request with MTOM framing, captured by NIST (see SOURCES.md). */
  static WireCapture nistMtomCapture() {
    return WireCapture.read(sharedIhe().resolve("16_mtom_http_wire_capture_iti41.nist.txt"));
  }

  /** An HTTP message: its Content-Type header value and the bytes after the blank line. */
  record WireCapture(String contentType, byte[] body) {
    static WireCapture read(Path file) {
      byte[] all;
      try {
        all = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      int end = -1;
      int bodyStart = -1;
      for (int i = 0; i + 1 < all.length; i++) {
        if (all[i] == '\n' && all[i + 1] == '\n') {
          end = i;
          bodyStart = i + 2;
          break;
        }
        if (all[i] == '\n' && all[i + 1] == '\r' && i + 2 < all.length && all[i + 2] == '\n') {
          end = i;
          bodyStart = i + 3;
          break;
        }
      }
      if (end < 0) {
        throw new IllegalArgumentException(file + " has no blank line after its headers");
      }
      String head = new String(all, 0, end, StandardCharsets.ISO_8859_1);
      String contentType = null;
      for (String line : head.split("\r?\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-type")) {
          contentType = line.substring(colon + 1).trim();
        }
      }
      return new WireCapture(contentType, Arrays.copyOfRange(all, bodyStart, all.length));
    }
  }
}
