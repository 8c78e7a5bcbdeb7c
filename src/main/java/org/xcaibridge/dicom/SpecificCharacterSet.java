package org.xcaibridge.dicom;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The character repertoire of a dataset, from Specific Character Set (0008,0005): PS3.3 §C.12.1.1.2
 * (Tables C.12-2 to C.12-5), PS3.5 §6.1 and the examples of Annexes H (Japanese), I (Korean), J
 * (Unicode, GB18030, GBK) and K (GB 2312).
 *
 * <p>Three kinds of repertoire: a single-byte set without code extensions (the default repertoire,
 * ISO 8859-x, TIS 620, JIS X 0201), a set with ISO 2022 code extensions (a multi-valued or an
 * "ISO 2022 …" term: escape sequences switch sets inside a value) and a Unicode-capable set without
 * extensions (UTF-8, GB18030, GBK), which the JDK decodes as is.
 *
 * <p>Reading never fails. A term we do not know is read as the default repertoire and reported by
 * {@link #warnings()}; a byte that means nothing in the set in force becomes U+FFFD. Bytes 08/00–15/15
 * in the default repertoire, or with no G1 set designated, are read as ISO 8859-1 (or as the first G1
 * set the terms declare), because writers that leave (0008,0005) out mostly meant Latin-1; encoding
 * stays strict and writes {@code ?} for what the declared sets do not hold (see {@link #canEncode}).
 */
public final class SpecificCharacterSet {
  /** What one Defined Term designates to G0 and G1, or the Unicode-capable charset it names. */
  private record Term(GraphicSet g0, GraphicSet g1, String unicode) {}

  private static final Term DEFAULT_TERM = new Term(GraphicSet.IR6, null, null);
  private static final Map<String, Term> TERMS = new HashMap<>();
  /** Misspellings seen in the wild ("ISO-IR 100", "ISO_IR_100"), keyed by their normalized form. */
  private static final Map<String, String> ALIASES = new HashMap<>();

  static {
    TERMS.put("", DEFAULT_TERM);
    TERMS.put("ISO_IR 6", DEFAULT_TERM);
    TERMS.put("ISO 2022 IR 6", DEFAULT_TERM);
    for (GraphicSet g1 : List.of(GraphicSet.IR100, GraphicSet.IR101, GraphicSet.IR109, GraphicSet.IR110,
        GraphicSet.IR144, GraphicSet.IR127, GraphicSet.IR126, GraphicSet.IR138, GraphicSet.IR148,
        GraphicSet.IR203, GraphicSet.IR166)) {
      String number = g1.name().substring(2);
      TERMS.put("ISO_IR " + number, new Term(GraphicSet.IR6, g1, null));
      TERMS.put("ISO 2022 IR " + number, new Term(GraphicSet.IR6, g1, null));
    }
    TERMS.put("ISO_IR 13", new Term(GraphicSet.IR14, GraphicSet.IR13, null));
    TERMS.put("ISO 2022 IR 13", new Term(GraphicSet.IR14, GraphicSet.IR13, null));
    TERMS.put("ISO 2022 IR 87", new Term(GraphicSet.IR87, null, null));
    TERMS.put("ISO 2022 IR 159", new Term(GraphicSet.IR159, null, null));
    TERMS.put("ISO 2022 IR 149", new Term(null, GraphicSet.IR149, null));
    TERMS.put("ISO 2022 IR 58", new Term(null, GraphicSet.IR58, null));
    TERMS.put("ISO_IR 192", new Term(null, null, "UTF-8"));
    TERMS.put("GB18030", new Term(null, null, "GB18030"));
    TERMS.put("GBK", new Term(null, null, "GBK"));
    for (String t : TERMS.keySet()) {
      ALIASES.put(normalize(t), t);
    }
  }

  /** The default repertoire, ISO-IR 6, which an absent or empty (0008,0005) means. */
  public static final SpecificCharacterSet DEFAULT = of(List.of()); // declared after the tables it is built from;

  /** ISO_IR 192, UTF-8: every character can be encoded. */
  public static final SpecificCharacterSet UTF_8 = of(List.of("ISO_IR 192"));

  private final List<String> terms;
  private final List<String> warnings;
  /** Set for ISO_IR 192, GB18030 and GBK; the other two fields are then null. */
  private final Charset unicode;
  private final Iso2022Decoder decoder;
  private final Iso2022Encoder encoder;
  private final boolean codeExtensions;

  private SpecificCharacterSet(List<String> terms, List<String> warnings, Charset unicode, Iso2022Decoder decoder,
      Iso2022Encoder encoder, boolean codeExtensions) {
    this.terms = terms;
    this.warnings = warnings;
    this.unicode = unicode;
    this.decoder = decoder;
    this.encoder = encoder;
    this.codeExtensions = codeExtensions;
  }

  public static SpecificCharacterSet of(String... terms) {
    return of(Arrays.asList(terms));
  }

  /** The character set the values of (0008,0005) name, in order; an empty list means the default repertoire. */
  public static SpecificCharacterSet of(List<String> terms) {
    List<String> given = new ArrayList<>(terms.size());
    for (String t : terms) {
      given.add(t == null ? "" : t.strip());
    }
    List<String> warnings = new ArrayList<>();
    boolean extensions = given.size() > 1 || (given.size() == 1 && given.get(0).startsWith("ISO 2022"));
    List<Term> resolved = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      resolved.add(resolve(given.get(i), i, extensions, warnings));
    }
    Term first = resolved.isEmpty() ? DEFAULT_TERM : resolved.get(0);
    if (first.unicode() != null) {
      if (given.size() > 1) {
        warnings.add(given.get(0) + " cannot be used with code extensions (PS3.5 §6.1.2.5.4): values 2 and later are ignored");
      }
      if (Charset.isSupported(first.unicode())) {
        return new SpecificCharacterSet(List.copyOf(given), List.copyOf(warnings), Charset.forName(first.unicode()), null, null, false);
      }
      warnings.add(given.get(0) + " needs charset " + first.unicode() + ", which this Java runtime lacks: read as the default repertoire");
      first = DEFAULT_TERM;
      resolved.set(0, DEFAULT_TERM);
    }
    // value 1 sets the initial designations; a double-byte G0 set there would hide the delimiters
    GraphicSet g0 = first.g0() != null && first.g0().bytesPerChar() == 1 ? first.g0() : GraphicSet.IR6;
    GraphicSet g1 = first.g1();
    List<GraphicSet> sets = new ArrayList<>();
    sets.add(g0);
    if (g1 != null) {
      sets.add(g1);
    }
    GraphicSet fallbackG1 = null;
    for (Term t : resolved) {
      for (GraphicSet g : new GraphicSet[] {t.g0(), t.g1()}) {
        if (g == null) {
          continue;
        }
        if (!g.available()) {
          warnings.add("charset " + g.charsetName() + " for ISO-IR " + g.name().substring(2) + " is missing from this Java runtime: its characters read as U+FFFD");
        }
        if (!sets.contains(g)) {
          sets.add(g);
        }
        if (g.isG1() && fallbackG1 == null) {
          fallbackG1 = g;
        }
      }
    }
    Iso2022Decoder decoder = new Iso2022Decoder(g0, g1, fallbackG1 != null ? fallbackG1 : GraphicSet.IR100, extensions);
    Iso2022Encoder encoder = new Iso2022Encoder(g0, g1, extensions ? sets : List.of());
    return new SpecificCharacterSet(List.copyOf(given), List.copyOf(warnings), null, decoder, encoder, extensions);
  }

  private static Term resolve(String given, int index, boolean extensions, List<String> warnings) {
    String term = given;
    if (!TERMS.containsKey(term)) {
      String alias = ALIASES.get(normalize(term));
      if (alias == null) {
        warnings.add("unknown Specific Character Set term '" + given + "': read as the default repertoire");
        return DEFAULT_TERM;
      }
      warnings.add("'" + given + "' is not a Defined Term: read as '" + alias + "'");
      term = alias;
    }
    if (extensions && term.startsWith("ISO_IR ") && TERMS.containsKey("ISO 2022 IR " + term.substring(7))) {
      warnings.add("'" + term + "' in a multi-valued (0008,0005): read as 'ISO 2022 IR " + term.substring(7) + "'");
      term = "ISO 2022 IR " + term.substring(7);
    }
    Term t = TERMS.get(term);
    if (t.unicode() != null && index > 0) {
      warnings.add("'" + term + "' is allowed only as value 1 and without code extensions: ignored");
      return DEFAULT_TERM;
    }
    return t;
  }

  private static String normalize(String term) {
    return term.toUpperCase(Locale.ROOT).replace('_', ' ').replace('-', ' ').replaceAll(" +", " ").strip();
  }

  /** The values of (0008,0005) this set was made from, without padding. */
  public List<String> terms() {
    return terms;
  }

  /** What was not understood in the terms and how it was read instead; empty when all were Defined Terms. */
  public List<String> warnings() {
    return warnings;
  }

  /** True when values may switch sets with ISO 2022 escape sequences (PS3.5 §6.1.2.5). */
  public boolean usesCodeExtensions() {
    return codeExtensions;
  }

  /**
   * Decodes a text value (PN, SH, LO, ST, LT, UT, UC). For ISO 2022 sets the VR says where the
   * designations return to the initial ones: at {@code \} for multi-valued VRs and at {@code ^} and
   * {@code =} for PN. Never throws.
   */
  public String decode(byte[] b, int off, int len, VR vr) {
    if (unicode != null) {
      return new String(b, off, len, unicode);
    }
    return decoder.decode(b, off, len, vr);
  }

  /**
   * Encodes text (one value, or several joined by {@code \}) so that {@link #decode} reads it back.
   * Characters the declared sets lack become {@code ?}.
   */
  public byte[] encode(String s) {
    if (unicode != null) {
      return s.getBytes(unicode);
    }
    return encoder.encode(s).bytes();
  }

  /** True when every character of {@code s} exists in the declared sets, so {@link #encode} loses nothing. */
  public boolean canEncode(String s) {
    if (unicode != null) {
      return unicode.newEncoder().canEncode(s);
    }
    return encoder.encode(s).replaced() == 0;
  }

  /** Equal when made from the same terms (so DEFAULT, "" and "ISO_IR 6" are three different sets). */
  @Override
  public boolean equals(Object o) {
    return o instanceof SpecificCharacterSet other && other.terms.equals(terms);
  }

  @Override
  public int hashCode() {
    return terms.hashCode();
  }

  @Override
  public String toString() {
    return "SpecificCharacterSet" + terms;
  }
}
