package org.xcaibridge.cache;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * All cache settings, and the unit parsers a configuration file uses for them ({@code "20 GiB"},
 * {@code "30s"}), so that a bad value fails at start-up with a message naming the setting.
 */
public record CacheSettings(StoreSettings store, MetadataSettings metadata) {
  private static final Pattern BYTES = Pattern.compile("\\s*(\\d+)\\s*(B|KB|KIB|MB|MIB|GB|GIB|TB|TIB)?\\s*");
  private static final Pattern DURATION = Pattern.compile("\\s*(\\d+)\\s*(MS|S|M|H|D)\\s*");

  public CacheSettings {
    if (store == null || metadata == null) {
      throw new IllegalArgumentException("cache settings need both store and metadata settings");
    }
  }

  public static CacheSettings of(Path directory, long storeMaxBytes) {
    return new CacheSettings(StoreSettings.of(directory, storeMaxBytes), MetadataSettings.defaults());
  }

  /**
   * A byte count with an optional unit: B, KB/MB/GB/TB (powers of 1000) or KiB/MiB/GiB/TiB (powers of
   * 1024), case-insensitive, e.g. {@code "500 MiB"}.
   */
  public static long parseBytes(String setting, String text) {
    Matcher m = text == null ? null : BYTES.matcher(text.toUpperCase(Locale.ROOT));
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException(setting + ": \"" + text + "\" is not a byte size such as \"500 MiB\" or \"20GB\"");
    }
    String unit = m.group(2) == null ? "B" : m.group(2);
    long factor = switch (unit) {
      case "B" -> 1;
      case "KB" -> 1000;
      case "KIB" -> 1L << 10;
      case "MB" -> 1000_000;
      case "MIB" -> 1L << 20;
      case "GB" -> 1000_000_000;
      case "GIB" -> 1L << 30;
      case "TB" -> 1000_000_000_000L;
      default -> 1L << 40;
    };
    try {
      return Math.multiplyExact(Long.parseLong(m.group(1)), factor);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException(setting + ": \"" + text + "\" is too large");
    }
  }

  /** A duration with a unit: ms, s, m, h or d, e.g. {@code "30s"}, {@code "5m"}. */
  public static Duration parseDuration(String setting, String text) {
    Matcher m = text == null ? null : DURATION.matcher(text.toUpperCase(Locale.ROOT));
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException(setting + ": \"" + text + "\" is not a duration such as \"30s\", \"5m\" or \"1h\"");
    }
    long n;
    try {
      n = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(setting + ": \"" + text + "\" is too large");
    }
    try {
      return switch (m.group(2)) {
        case "MS" -> Duration.ofMillis(n);
        case "S" -> Duration.ofSeconds(n);
        case "M" -> Duration.ofMinutes(n);
        case "H" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(setting + ": \"" + text + "\" is too large");
    }
  }

  static String formatBytes(long n) {
    if (n >= 1L << 30 && n % (1L << 20) == 0) {
      return (n >> 20) / 1024.0 + " GiB";
    }
    if (n >= 1L << 20 && n % 1024 == 0) {
      return (n >> 10) / 1024.0 + " MiB";
    }
    return n + " bytes";
  }
}
