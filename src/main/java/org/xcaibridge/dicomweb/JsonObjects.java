package org.xcaibridge.dicomweb;

import java.util.ArrayList;
import java.util.List;

/** Where the objects of a JSON array lie in its UTF-8 bytes, so one can be cut out without re-encoding it. */
final class JsonObjects {
  private JsonObjects() {}

  /** {@code [start, end)} of each top-level object of the array {@code json}, in order. */
  static List<int[]> spans(byte[] json) {
    List<int[]> out = new ArrayList<>();
    int depth = 0;
    boolean inString = false;
    int start = -1;
    for (int i = 0; i < json.length; i++) {
      byte b = json[i];
      if (inString) {
        if (b == '\\') {
          i++;
        } else if (b == '"') {
          inString = false;
        }
        continue;
      }
      if (b == '"') {
        inString = true;
      } else if (b == '{' || b == '[') {
        depth++;
        if (b == '{' && depth == 2) {
          start = i;
        }
      } else if (b == '}' || b == ']') {
        if (b == '}' && depth == 2 && start >= 0) {
          out.add(new int[] {start, i + 1});
          start = -1;
        }
        depth--;
      }
    }
    return out;
  }
}
