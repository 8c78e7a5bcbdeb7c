package org.xcaibridge.dicomweb;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits and percent-decodes a URL query (RFC 3986 §3.4) as UTF-8. A {@code +} is a space, as the HTML
 * form encoding that Python's {@code urlencode} (the Python DICOMweb client) uses; the JS clients encode
 * {@code +} as {@code %2B}, so a DT offset survives both.
 */
final class QueryString {
  private QueryString() {}

  record Param(String name, String value) {}

  static List<Param> decode(String raw) {
    List<Param> out = new ArrayList<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      String decodedName = component(name, name);
      out.add(new Param(decodedName, component(decodedName, value)));
    }
    return out;
  }

  private static String component(String parameter, String s) {
    if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
      return s;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%') {
        int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
        int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
        if (lo < 0) {
          throw new DicomWebException.BadRequest(parameter, "a broken percent escape in the query at '"
              + s.substring(i, Math.min(s.length(), i + 3)) + "'");
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      throw new DicomWebException.BadRequest(parameter, "the query value of '" + parameter + "' is not UTF-8");
    }
  }
}
