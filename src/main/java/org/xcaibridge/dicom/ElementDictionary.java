package org.xcaibridge.dicom;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The public data dictionary of PS3.6: tag → VR, VM and keyword, including the masked repeating groups
 * (50xx, 60xx, …). Needed to read Implicit VR datasets and to accept keywords in queries.
 */
public final class ElementDictionary {
  /** One dictionary row; {@code vr} is the dictionary's VR text, e.g. "US or SS". */
  public record Entry(int tag, String vr, String vm, String keyword, boolean retired) {}

  private record Masked(int value, int mask, Entry entry) {}

  private static final ElementDictionary STANDARD = load();

  private final Map<Integer, Entry> byTag;
  private final Map<String, Entry> byKeyword;
  private final List<Masked> masked;

  private ElementDictionary(Map<Integer, Entry> byTag, Map<String, Entry> byKeyword, List<Masked> masked) {
    this.byTag = byTag;
    this.byKeyword = byKeyword;
    this.masked = masked;
  }

  public static ElementDictionary standard() {
    return STANDARD;
  }

  /** The entry for a tag, or null for unknown and private tags (but private creators are LO). */
  public Entry entry(int tag) {
    Entry e = byTag.get(tag);
    if (e != null) {
      return e;
    }
    if (Tag.isPrivate(tag)) {
      return Tag.isPrivateCreator(tag) ? new Entry(tag, "LO", "1", "PrivateCreator", false) : null;
    }
    if (Tag.isGroupLength(tag)) {
      return new Entry(tag, "UL", "1", "GroupLength", false);
    }
    for (Masked m : masked) {
      if ((tag & m.mask) == m.value) {
        return m.entry;
      }
    }
    return null;
  }

  /** The entry for a keyword such as "PatientName", or null. */
  public Entry entry(String keyword) {
    return byKeyword.get(keyword);
  }

  /** The keyword of a tag, or null when the dictionary does not name it. */
  public String keyword(int tag) {
    Entry e = entry(tag);
    return e == null ? null : e.keyword();
  }

  /**
   * The VR an Implicit VR reader gives this tag. Ambiguous dictionary VRs are resolved the way PS3.5
   * Annex A suggests for the common cases: "US or SS" by Pixel Representation, "OB or OW" and
   * "US or OW" as OW (Implicit VR pixel and LUT data are words); unknown tags are UN.
   */
  public VR implicitVr(int tag, boolean signedPixels) {
    Entry e = entry(tag);
    if (e == null) {
      return VR.UN;
    }
    String v = e.vr();
    if (v.length() == 2) {
      VR vr = VR.fromCode(v);
      return vr == null ? VR.UN : vr;
    }
    if (v.startsWith("US or SS")) {
      return signedPixels ? VR.SS : VR.US;
    }
    if (v.equals("US or OW")) {
      return VR.US;
    }
    return VR.OW;
  }

  private static ElementDictionary load() {
    Map<Integer, Entry> byTag = new HashMap<>(8192);
    Map<String, Entry> byKeyword = new HashMap<>(8192);
    List<Masked> masked = new ArrayList<>();
    try (InputStream in = ElementDictionary.class.getResourceAsStream("dictionary.tsv")) {
      if (in == null) {
        throw new IllegalStateException("dictionary.tsv missing from the class path");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isEmpty() || line.charAt(0) == '#') {
          continue;
        }
        String[] f = line.split("\t", -1);
        String t = f[0];
        int value = (int) Long.parseLong(t.replace('x', '0'), 16);
        int mask = (int) Long.parseLong(t.replaceAll("[0-9A-F]", "F").replace('x', '0'), 16);
        Entry entry = new Entry(value, f[1], f[2], f[3], "R".equals(f[4]));
        if (mask == -1) {
          byTag.put(value, entry);
        } else {
          masked.add(new Masked(value, mask, entry));
        }
        if (!entry.keyword().isEmpty()) {
          byKeyword.putIfAbsent(entry.keyword(), entry);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ElementDictionary(Map.copyOf(byTag), Map.copyOf(byKeyword), List.copyOf(masked));
  }
}
