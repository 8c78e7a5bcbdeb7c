package org.xcaibridge.dicomweb;

import java.util.ArrayList;
import java.util.List;
import org.xcaibridge.dicom.ElementDictionary;
import org.xcaibridge.dicom.Tag;
import org.xcaibridge.dicom.VR;

/**
 * A QIDO-RS attribute as PS3.18 §8.3.4.1 writes it: a keyword or eight hex digits, or a dotted path into
 * sequences ({@code RequestAttributesSequence.ScheduledProcedureStepID}, {@code 00400275.00400009}).
 * Every tag but the last names a sequence.
 */
public record AttributePath(List<Integer> tags) {
  public AttributePath {
    if (tags.isEmpty()) {
      throw new IllegalArgumentException("an attribute path names at least one tag");
    }
    tags = List.copyOf(tags);
  }

  public static AttributePath of(int tag) {
    return new AttributePath(List.of(tag));
  }

  /** The last tag: the attribute that is matched or returned. */
  public int leaf() {
    return tags.get(tags.size() - 1);
  }

  /** The first tag: the attribute of the queried entity itself. */
  public int top() {
    return tags.get(0);
  }

  public boolean isNested() {
    return tags.size() > 1;
  }

  /** The leaf's VR from the PS3.6 dictionary; LO for private and unknown tags, which are matched as text. */
  public VR vr() {
    return vrOf(leaf());
  }

  static VR vrOf(int tag) {
    ElementDictionary.Entry e = ElementDictionary.standard().entry(tag);
    if (e == null) {
      return VR.LO;
    }
    VR vr = VR.fromCode(e.vr().length() >= 2 ? e.vr().substring(0, 2) : e.vr());
    return vr == null ? VR.LO : vr;
  }

  /**
   * Parses {@code text} as the client wrote it. Keywords are case-sensitive as in PS3.6; hex tags are
   * accepted in either case.
   */
  public static AttributePath parse(String parameter, String text) {
    if (text.isEmpty()) {
      throw new DicomWebException.BadRequest(parameter, "an empty attribute name in '" + parameter + "'");
    }
    String[] segments = text.split("\\.", -1);
    List<Integer> tags = new ArrayList<>(segments.length);
    for (int i = 0; i < segments.length; i++) {
      int tag = tag(parameter, segments[i]);
      if (i < segments.length - 1 && vrOf(tag) != VR.SQ) {
        throw new DicomWebException.BadRequest(parameter, "'" + segments[i] + "' in '" + text
            + "' is not a sequence, so no attribute can follow it");
      }
      tags.add(tag);
    }
    return new AttributePath(tags);
  }

  /**
   * Whether a query parameter name is meant as an attribute: its first segment is a keyword or eight hex
   * digits. Names that are not are no attribute at all and are ignored by the QIDO parser; a known first
   * segment followed by a bad path is still a malformed attribute.
   */
  static boolean namesAttribute(String name) {
    int dot = name.indexOf('.');
    String first = dot < 0 ? name : name.substring(0, dot);
    return !first.isEmpty() && ((first.length() == 8 && isHex(first))
        || ElementDictionary.standard().entry(first) != null);
  }

  private static int tag(String parameter, String segment) {
    if (segment.length() == 8 && isHex(segment)) {
      return (int) Long.parseLong(segment, 16);
    }
    ElementDictionary.Entry e = ElementDictionary.standard().entry(segment);
    if (e == null || segment.isEmpty()) {
      throw new DicomWebException.BadRequest(parameter, "'" + segment + "' is neither a DICOM keyword (PS3.6) nor a tag"
          + " of eight hex digits");
    }
    return e.tag();
  }

  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The keyword form (hex for tags the dictionary does not name), dotted for nested paths. */
  public String keywords() {
    StringBuilder sb = new StringBuilder();
    for (int t : tags) {
      String k = ElementDictionary.standard().keyword(t);
      sb.append(sb.length() == 0 ? "" : ".").append(k == null || k.isEmpty() ? Tag.hex(t) : k);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return keywords();
  }
}
