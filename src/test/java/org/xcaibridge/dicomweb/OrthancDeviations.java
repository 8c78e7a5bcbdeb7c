package org.xcaibridge.dicomweb;

import java.util.List;
import java.util.function.Predicate;
import org.xcaibridge.dicomweb.DicomJsonComparison.Disagreement;

/**
 * Where Orthanc 1.10 with its DICOMweb plugin 1.7 and we answer differently, and why: each entry names the
 * attribute, what Orthanc does and the section of the standard that decides. Most are Orthanc's departures; one
 * is two equivalent spellings of the same value (PS3.5 §6.2.1.1); one, marked "(ours)", is a limit of answering a
 * study search from the XDS entry before any header is read. The same list, for people, is docs/orthanc-parity.md;
 * {@link QidoAndMetadataAgreeWithOrthancTest} fails on a disagreement not listed here and on an entry that no
 * longer occurs.
 */
final class OrthancDeviations {
  record Deviation(String attribute, String orthanc, String standard, Predicate<Disagreement> matches) {
    @Override
    public String toString() {
      return attribute + " — Orthanc: " + orthanc + " — " + standard;
    }
  }

  private OrthancDeviations() {}

  private static final String SPECIFIC_CHARACTER_SET = "00080005";

  static final List<Deviation> KNOWN = List.of(
      new Deviation("Specific Character Set (0008,0005) in QIDO-RS rows",
          "says ISO_IR 100 (its DefaultEncoding, Latin-1) whatever the instances declare, though the JSON it sends is"
              + " UTF-8; ours says ISO_IR 192, the character set the row's text is in",
          "PS3.18 §F.2 (DICOM JSON is Unicode text, RFC 8259 §8.1: UTF-8); PS3.3 §C.12.1.1.2 (ISO_IR 192 is UTF-8)",
          d -> !d.level().equals("metadata") && d.path().equals(SPECIFIC_CHARACTER_SET)
              && d.ours().equals("[\"ISO_IR 192\"]") && d.theirs().equals("[\"ISO_IR 100\"]")),
      new Deviation("Specific Character Set (0008,0005) with an empty first value (\\ISO 2022 IR 87)",
          "drops the empty first value, which names the default repertoire for the G0 set",
          "PS3.18 §F.2.5 (an empty value of a multi-valued attribute is null); PS3.3 §C.12.1.1.2 (value 1 empty:"
              + " ISO 2022 IR 6 without escape)",
          d -> d.path().equals(SPECIFIC_CHARACTER_SET) && d.ours().startsWith("[null,")),
      new Deviation("Patient's Name (0010,0010) in QIDO-RS rows, characters beyond Latin-1",
          "drops every character its Latin-1 index cannot hold: Люкceмбypг comes as ceyp, and the ideographic and"
              + " phonetic groups of a Japanese name as ^ (the series metadata has them all)",
          "PS3.5 §6.2.1.2 (three component groups), PS3.3 §C.12.1.1.2 (the declared character sets); PS3.18 §F.2.2",
          OrthancDeviations::latin1Only),
      new Deviation("Referring Physician's Name (0008,0090) stored as ^^^^",
          "writes {\"Alphabetic\":\"^^^^\"}; ours writes the attribute without a value (equivalent)",
          "PS3.5 §6.2.1.1 (trailing empty components and their delimiters may be left out, so ^^^^ is the empty name)",
          d -> d.vr().equals("PN") && d.what().equals("empty on one side") && d.theirs().matches("\\[\\{\"Alphabetic\":\"\\^*\"}]")),
      new Deviation("Image Type (0008,0008) with a padded value before the last (DERIVED \\PRIMARY\\AXIAL)",
          "keeps the trailing space of every value but the last",
          "PS3.5 Table 6.2-1 (CS: leading and trailing spaces are not significant); PS3.18 §F.2.5 writes values"
              + " without padding",
          d -> d.vr().equals("CS") && d.what().equals("value") && d.theirs().contains(" \"")),
      new Deviation("Private elements of Implicit VR files (GE groups 0009–0049)",
          "gives them the VR of its own private dictionary (SS, DS, FL, LO…); ours: UN with the bytes as they are",
          "PS3.5 §6.2.2 (UN: VR not known) and §7.8 (a private element's VR is its creator's; an Implicit VR data set"
              + " does not carry it)",
          d -> d.what().equals("vr") && d.ours().equals("UN") && d.implicitVr()
              && (Integer.parseInt(d.path().substring(0, 4), 16) & 1) == 1),
      new Deviation("FL values below about 1e-17 (e.g. 1.4E-45, 2.56E-29)",
          "prints floating point values with a fixed number of decimals, so tiny values come out as 0",
          "PS3.18 §F.2.3.1, Table F.2.3-1 (FL is a JSON number carrying the value); PS3.5 Table 6.2-1 (FL: IEEE 754"
              + " binary32)",
          OrthancDeviations::tinyAsZero),
      new Deviation("Modalities in Study (0008,0061) in a study search, before any header of the study is read (ours)",
          "lists KO for a study holding a Key Object Selection series; ours, answering from the XDS entry alone, lists"
              + " it once an instance header of that series has been read (the test checks it then)",
          "PS3.4 Table C.6-5 (every Modality of the study's series); the entry's eventCodeList carries acquisition"
              + " modalities only (IHE RAD TF-3 §4.68.4.1.2.3.2, CID 29), so a KO there may be the manifest's own",
          d -> d.level().equals("study") && d.path().equals("00080061") && d.theirs().contains("\"KO\"")
              && !d.ours().contains("\"KO\"")));

  /** Orthanc's person name is ours with every character above U+00FF left out (a group of only those: ^). */
  private static boolean latin1Only(Disagreement d) {
    if (d.level().equals("metadata") || !d.vr().equals("PN") || !d.what().equals("value")) {
      return false;
    }
    io.vertx.core.json.JsonArray ours = new io.vertx.core.json.JsonArray(d.ours());
    io.vertx.core.json.JsonArray theirs = new io.vertx.core.json.JsonArray(d.theirs());
    for (int i = 0; i < ours.size(); i++) {
      for (String group : List.of("Alphabetic", "Ideographic", "Phonetic")) {
        String o = ours.getJsonObject(i).getString(group, "");
        String t = theirs.getJsonObject(i).getString(group, "");
        String kept = o.codePoints().filter(c -> c <= 0xFF)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        if (!t.equals(kept) && !(t.matches("\\^+") && !o.equals(t))) {
          return false;
        }
      }
    }
    return true;
  }

  /** Orthanc's value is 0 where ours is a value that a fixed count of decimals rounds to 0. */
  private static boolean tinyAsZero(Disagreement d) {
    if (!d.vr().equals("FL") || !d.what().equals("value")) {
      return false;
    }
    io.vertx.core.json.JsonArray ours = new io.vertx.core.json.JsonArray(d.ours());
    io.vertx.core.json.JsonArray theirs = new io.vertx.core.json.JsonArray(d.theirs());
    for (int i = 0; i < ours.size(); i++) {
      double o = ((Number) ours.getValue(i)).doubleValue();
      double t = ((Number) theirs.getValue(i)).doubleValue();
      if (o != t && (t != 0 || Math.abs(o) >= 1e-16)) {
        return false;
      }
    }
    return true;
  }

  static Deviation explain(Disagreement d) {
    for (Deviation k : KNOWN) {
      if (k.matches().test(d)) {
        return k;
      }
    }
    return null;
  }
}
