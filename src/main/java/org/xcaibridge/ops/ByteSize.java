package org.xcaibridge.ops;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of bytes as the configuration writes it: a whole or decimal number and a unit, {@code 10GiB},
 * {@code 512 MiB}, {@code 1.5GB}, or a bare number of bytes. Binary units (KiB, MiB, GiB, TiB) are powers of
 * 1024 and decimal ones (kB, MB, GB, TB) powers of 1000, as IEC 80000-13 has them; a fraction of a byte is
 * dropped.
 */
public record ByteSize(long bytes) implements Comparable<ByteSize> {
  private static final Pattern FORM = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z]*)");
  private static final Map<String, Long> UNITS = Map.ofEntries(
      Map.entry("", 1L), Map.entry("b", 1L),
      Map.entry("kib", 1L << 10), Map.entry("mib", 1L << 20), Map.entry("gib", 1L << 30), Map.entry("tib", 1L << 40),
      Map.entry("kb", 1_000L), Map.entry("mb", 1_000_000L), Map.entry("gb", 1_000_000_000L),
      Map.entry("tb", 1_000_000_000_000L));
  private static final String[] BINARY = {"TiB", "GiB", "MiB", "KiB"};

  public ByteSize {
    if (bytes < 0) {
      throw new IllegalArgumentException("a size cannot be negative, was " + bytes);
    }
  }

  public static ByteSize ofMiB(long mib) {
    return new ByteSize(Math.multiplyExact(mib, 1L << 20));
  }

  public static ByteSize ofGiB(long gib) {
    return new ByteSize(Math.multiplyExact(gib, 1L << 30));
  }

  /**
   * Parses {@code 10GiB}, {@code 250 MB}, {@code 4096}; units are matched without case except that a lone
   * {@code b} means bytes (bits are never meant in a configuration).
   *
   * @throws IllegalArgumentException saying what a size looks like
   */
  public static ByteSize parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.strip());
    Long unit = m.matches() ? UNITS.get(m.group(2).toLowerCase(Locale.ROOT)) : null;
    if (unit == null) {
      throw new IllegalArgumentException("not a size like 10GiB, 512MiB or 1.5GB: '" + text + "'");
    }
    BigDecimal value = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
    if (value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException("size too large: '" + text + "'");
    }
    return new ByteSize(value.longValue());
  }

  @Override
  public int compareTo(ByteSize other) {
    return Long.compare(bytes, other.bytes);
  }

  /** The largest binary unit that divides the amount exactly ({@code 10GiB}), else bytes ({@code 1500B}). */
  @Override
  public String toString() {
    for (int i = 0; i < BINARY.length; i++) {
      long unit = 1L << (10 * (BINARY.length - i));
      if (bytes != 0 && bytes % unit == 0) {
        return bytes / unit + BINARY[i];
      }
    }
    return bytes + "B";
  }
}
