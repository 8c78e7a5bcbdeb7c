package org.xcaibridge.ops;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A span of time as the configuration writes it: a whole number and a unit, {@code 250ms}, {@code 30s},
 * {@code 5m}, {@code 2h}, {@code 7d}. A unit is required — a bare {@code 30} could be seconds or milliseconds,
 * and guessing wrong by a factor of 1000 is the kind of mistake a configuration must not allow.
 */
public record DurationSetting(Duration duration) {
  private static final Pattern FORM = Pattern.compile("([0-9]{1,12})\\s*(ms|s|m|h|d)");

  public DurationSetting {
    if (duration == null || duration.isNegative()) {
      throw new IllegalArgumentException("a duration must be zero or positive, was " + duration);
    }
  }

  /** @throws IllegalArgumentException saying what a duration looks like */
  public static DurationSetting parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration like 250ms, 30s, 5m, 2h or 7d: '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    Duration d = switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
    return new DurationSetting(d);
  }

  /** The same form back, in the largest unit that divides it exactly: {@code 5m}, {@code 1500ms}. */
  @Override
  public String toString() {
    return format(duration);
  }

  static String format(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0s";
    }
    long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
    String[] names = {"d", "h", "m", "s"};
    for (int i = 0; i < units.length; i++) {
      if (ms != 0 && ms % units[i] == 0) {
        return ms / units[i] + names[i];
      }
    }
    return ms + "ms";
  }
}
