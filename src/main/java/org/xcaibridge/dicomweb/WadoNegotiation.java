package org.xcaibridge.dicomweb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xcaibridge.dicom.TransferSyntax;

/**
 * Accept negotiation for WADO-RS (PS3.18 §8.7): the media ranges of the {@code accept} query parameter
 * (§8.3.3.1) or else of the Accept header, by weight and then as written, become candidate
 * representations; {@link #forStored} picks the first one that can be made from how an instance is
 * stored. Without a transfer-syntax parameter the default of the media type applies (Tables 8.7.3-2 to
 * -5: Explicit VR Little Endian for application/dicom and application/octet-stream); {@code *} is the
 * stored syntax, except that native syntaxes always go out as Explicit VR Little Endian (§8.7.3: Implicit
 * VR Little Endian and Explicit VR Big Endian are not used by web services). Compressed pixel data is
 * passed through as stored, never decompressed; what cannot be met is a 406 listing what can.
 */
public final class WadoNegotiation {
  static final String ELE = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();
  private static final String ANY = "*";
  private static final String DICOM = "application/dicom";
  private static final String OCTETS = "application/octet-stream";
  private static final String DICOM_JSON = "application/dicom+json";

  /** Image media types and the syntaxes each stands for; the first is its default (PS3.18 Table 8.7.3-3..5). */
  private static final Map<String, List<String>> IMAGE_TYPES = Map.of(
      "image/jpeg", List.of("1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.57",
          "1.2.840.10008.1.2.4.70"),
      "image/jls", List.of("1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81"),
      "image/jp2", List.of("1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91"),
      "image/jpx", List.of("1.2.840.10008.1.2.4.92", "1.2.840.10008.1.2.4.93"),
      "image/dicom-rle", List.of("1.2.840.10008.1.2.5"),
      "image/x-dicom-rle", List.of("1.2.840.10008.1.2.5"));

  /** One acceptable form before the stored syntax is known; {@code transferSyntax} null means the type's default. */
  record Candidate(String partType, String transferSyntax, boolean multipart) {}

  private final WadoTarget target;
  private final List<Candidate> candidates;
  private final String metadataType;

  private WadoNegotiation(WadoTarget target, List<Candidate> candidates, String metadataType) {
    this.target = target;
    this.candidates = List.copyOf(candidates);
    this.metadataType = metadataType;
  }

  /**
   * Negotiates from the Accept header values ({@code acceptHeaders}, possibly empty) or, when given, the
   * {@code accept} query parameter, which replaces them. Fails with 406 when nothing acceptable is
   * producible whatever the stored syntax.
   */
  public static WadoNegotiation negotiate(WadoTarget target, List<String> acceptHeaders, String acceptParameter) {
    List<MediaRange> ranges = new ArrayList<>();
    if (acceptParameter != null) {
      ranges.addAll(MediaRange.parseAll(acceptParameter, "accept"));
    } else {
      for (String h : acceptHeaders) {
        ranges.addAll(MediaRange.parseAll(h, "Accept"));
      }
    }
    if (ranges.isEmpty()) {
      ranges.add(new MediaRange("*", "*", Map.of(), 1.0));
    }
    List<MediaRange> ordered = new ArrayList<>(ranges);
    ordered.removeIf(r -> r.q() <= 0);
    ordered.sort(Comparator.comparingDouble(MediaRange::q).reversed()); // stable: ties keep the written order
    List<Candidate> out = new ArrayList<>();
    String metadataType = null;
    for (MediaRange r : ordered) {
      if (target == WadoTarget.METADATA) {
        String t = r.mediaType();
        if (metadataType == null && (t.equals(DICOM_JSON) || t.equals("application/json"))) {
          metadataType = t;
        } else if (metadataType == null && (t.equals("*/*") || t.equals("application/*"))) {
          metadataType = DICOM_JSON;
        }
      } else {
        candidates(target, r, out);
      }
    }
    if (target == WadoTarget.METADATA ? metadataType == null : out.isEmpty()) {
      throw new DicomWebException.NotAcceptable("none of the media types accepted (" + describe(ranges)
          + ") can be produced for " + target.name().toLowerCase(), producible(target, null));
    }
    return new WadoNegotiation(target, out, metadataType);
  }

  private static void candidates(WadoTarget target, MediaRange r, List<Candidate> out) {
    String t = r.mediaType();
    if (t.equals("multipart/related") || t.equals("multipart/*") || t.equals("*/*")) {
      boolean any = t.equals("*/*");
      String typeParam = any ? null : r.parameter("type");
      MediaRange part = typeParam == null ? null : MediaRange.parse(typeParam, "Accept");
      String ts = r.parameter("transfer-syntax");
      if (ts == null && part != null) {
        ts = part.parameter("transfer-syntax"); // the syntax inside type="…", as some servers and clients write it
      }
      String partType = part == null ? (any ? "*/*" : defaultPart(target)) : part.mediaType();
      if (any && ts == null) {
        ts = ANY; // the server's choice (PS3.18 §8.7.3.5.2)
      }
      checkSyntax(ts);
      if (target == WadoTarget.INSTANCES) {
        if (partType.equals(DICOM) || partType.equals("*/*") || partType.equals("application/*")) {
          out.add(new Candidate(DICOM, ts, true));
        }
      } else if (partType.equals(OCTETS) || IMAGE_TYPES.containsKey(partType)) {
        out.add(new Candidate(partType, ts, true));
      } else if (partType.equals("*/*") || partType.equals("image/*") || partType.equals("application/*")) {
        out.add(new Candidate("*/*", ts == null ? ANY : ts, true));
      }
    } else if (t.equals(OCTETS) && (target == WadoTarget.FRAMES || target == WadoTarget.BULKDATA)) {
      String ts = r.parameter("transfer-syntax");
      checkSyntax(ts);
      out.add(new Candidate(OCTETS, ts, false)); // single part, as dicomweb-client's singlepart option asks
    }
  }

  private static String defaultPart(WadoTarget target) {
    return target == WadoTarget.INSTANCES ? DICOM : OCTETS;
  }

  private static void checkSyntax(String ts) {
    if (ts != null && !ts.equals(ANY) && !MatchValues.isUid(ts)) {
      throw new DicomWebException.BadRequest("Accept", "transfer-syntax=" + ts + " is not a transfer syntax UID or *");
    }
  }

  /** The media type of a metadata answer: application/dicom+json unless only application/json was accepted. */
  public String metadataMediaType() {
    if (target != WadoTarget.METADATA) {
      throw new IllegalStateException("not a metadata negotiation: " + target);
    }
    return metadataType;
  }

  /** The first accepted representation that can be made of an instance stored in {@code stored}. */
  public WadoRepresentation forStored(TransferSyntax stored) {
    for (Candidate c : candidates) {
      WadoRepresentation r = resolve(c, stored);
      if (r != null) {
        return r;
      }
    }
    throw new DicomWebException.NotAcceptable("the object is stored as " + stored.name() + " (" + stored.uid()
        + "), and no accepted representation can be made from it without decompressing, which this server does"
        + " not do", producible(target, stored));
  }

  private WadoRepresentation resolve(Candidate c, TransferSyntax stored) {
    String wanted;
    if (ANY.equals(c.transferSyntax())) {
      wanted = stored.isNative() ? ELE : stored.uid();
    } else if (c.transferSyntax() != null) {
      wanted = c.transferSyntax();
    } else if (IMAGE_TYPES.containsKey(c.partType())) {
      wanted = IMAGE_TYPES.get(c.partType()).get(0);
    } else {
      wanted = ELE;
    }
    boolean makeable = wanted.equals(ELE) ? stored.isNative() : wanted.equals(stored.uid()) && stored.encapsulated();
    if (!makeable) {
      return null;
    }
    String type = c.partType();
    if (IMAGE_TYPES.containsKey(type) && !IMAGE_TYPES.get(type).contains(wanted)) {
      return null;
    }
    if (type.equals("*/*")) {
      type = wanted.equals(ELE) ? OCTETS : imageType(wanted);
    } else if (type.equals(OCTETS) && !wanted.equals(ELE) && ANY.equals(c.transferSyntax())) {
      type = imageType(wanted); // a compressed frame says what it is, as Orthanc and cornerstone expect
    }
    return new WadoRepresentation(type, wanted, c.multipart());
  }

  private static String imageType(String uid) {
    for (Map.Entry<String, List<String>> e : IMAGE_TYPES.entrySet()) {
      if (!e.getKey().equals("image/x-dicom-rle") && e.getValue().contains(uid)) {
        return e.getKey();
      }
    }
    return OCTETS;
  }

  /**
   * The syntaxes to ask the source for, best first, Explicit VR Little Endian last as the fallback (the
   * TransferSyntaxUIDList of RAD-69/RAD-75); empty when the client takes the stored syntax.
   */
  public List<String> requestedSyntaxes() {
    Set<String> out = new LinkedHashSet<>();
    for (Candidate c : candidates) {
      if (ANY.equals(c.transferSyntax())) {
        return List.of();
      }
      if (c.transferSyntax() != null) {
        out.add(c.transferSyntax());
      } else if (IMAGE_TYPES.containsKey(c.partType())) {
        out.add(IMAGE_TYPES.get(c.partType()).get(0));
      }
    }
    out.remove(ELE);
    out.add(ELE);
    return List.copyOf(out);
  }

  static List<String> producible(WadoTarget target, TransferSyntax stored) {
    List<String> out = new ArrayList<>();
    switch (target) {
      case METADATA:
        out.add(DICOM_JSON);
        out.add("application/json");
        return out;
      case INSTANCES:
        if (stored == null || stored.isNative()) {
          out.add("multipart/related; type=\"application/dicom\"; transfer-syntax=" + ELE);
        }
        if (stored != null && stored.encapsulated()) {
          out.add("multipart/related; type=\"application/dicom\"; transfer-syntax=" + stored.uid());
        }
        out.add("multipart/related; type=\"application/dicom\"; transfer-syntax=*");
        return out;
      default:
        if (stored == null || stored.isNative()) {
          out.add("multipart/related; type=\"application/octet-stream\"; transfer-syntax=" + ELE);
        }
        if (stored != null && stored.encapsulated()) {
          out.add("multipart/related; type=\"" + imageType(stored.uid()) + "\"; transfer-syntax=" + stored.uid());
        }
        out.add("multipart/related; type=\"application/octet-stream\"; transfer-syntax=*");
        out.add("application/octet-stream");
        return out;
    }
  }

  private static String describe(List<MediaRange> ranges) {
    List<String> out = new ArrayList<>();
    for (MediaRange r : ranges) {
      String type = r.parameter("type");
      String ts = r.parameter("transfer-syntax");
      out.add(r.mediaType() + (type == null ? "" : "; type=\"" + type + "\"") + (ts == null ? "" : "; transfer-syntax=" + ts)
          + (r.q() < 1 ? "; q=" + r.q() : ""));
    }
    return String.join(", ", out);
  }
}
