package org.xcaibridge.soap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

/** Apache James mime4j as an independent reader of multipart bodies (test oracle). */
final class MimeOracle {
  private MimeOracle() {}

  /** One body part as mime4j sees it: header fields (lower-case names, raw values) and raw content. */
  record Part(Map<String, String> headers, byte[] body) {}

  static List<Part> parse(String contentType, byte[] body) throws IOException, MimeException {
    MimeConfig config = new MimeConfig.Builder().setStrictParsing(false).setMaxLineLen(-1).setMaxHeaderLen(-1)
        .setMaxContentLen(-1).build();
    MimeTokenStream stream = new MimeTokenStream(config);
    stream.setRecursionMode(RecursionMode.M_NO_RECURSE);
    stream.parseHeadless(new ByteArrayInputStream(body), contentType);
    List<Part> parts = new ArrayList<>();
    Map<String, String> headers = null;
    for (EntityState s = stream.getState(); s != EntityState.T_END_OF_STREAM; s = stream.next()) {
      if (s == EntityState.T_START_BODYPART) {
        headers = new LinkedHashMap<>();
      } else if (s == EntityState.T_FIELD && headers != null) {
        Field f = stream.getField();
        headers.put(f.getName().toLowerCase(Locale.ROOT), f.getBody().trim());
      } else if (s == EntityState.T_BODY && headers != null) {
        try (InputStream in = stream.getInputStream()) {
          parts.add(new Part(headers, in.readAllBytes()));
        }
        headers = null;
      }
    }
    return parts;
  }
}
