package org.xcaibridge.dicomweb;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.xcaibridge.dicom.VR;

/**
 * DA, TM and DT values (PS3.5 §6.2) as the periods they name, for range matching (PS3.4 §C.2.2.2.5).
 * A value of lower precision names the whole period: {@code 2020} is the year, {@code 10} the hour
 * 10:00–10:59:59.999999. Entity values are read leniently (the ACR-NEMA forms {@code 2020.01.31} and
 * {@code 10:30:00} are still found in old files); query values strictly.
 */
final class DicomTemporal {
  private DicomTemporal() {}

  private static final LocalDate TIME_DAY = LocalDate.of(1970, 1, 1);

  /** From {@code start} to {@code end}, both included; {@code offset} is the UTC offset a DT value gave, else null. */
  record Period(LocalDateTime start, LocalDateTime end, ZoneOffset offset) {
    /** Start and end on UTC when an offset is known, so that DT values with offsets compare as moments. */
    LocalDateTime startUtc() {
      return offset == null ? start : start.minusSeconds(offset.getTotalSeconds());
    }

    LocalDateTime endUtc() {
      return offset == null ? end : end.minusSeconds(offset.getTotalSeconds());
    }
  }

  /** The period of a DA, TM or DT value, or null when it is not one. */
  static Period parse(VR vr, String text, boolean lenient) {
    String s = text.trim();
    try {
      switch (vr) {
        case DA: return date(lenient && s.length() == 10 && s.charAt(4) == '.' && s.charAt(7) == '.'
            ? s.replace(".", "") : s);
        case TM: return time(lenient ? s.replace(":", "") : s);
        case DT: return dateTime(s);
        default: return null;
      }
    } catch (DateTimeException | NumberFormatException e) {
      return null;
    }
  }

  private static Period date(String s) {
    if (s.length() != 8 || !digits(s, 0, 8)) {
      return null;
    }
    LocalDate d = LocalDate.of(num(s, 0, 4), num(s, 4, 6), num(s, 6, 8));
    return new Period(d.atStartOfDay(), d.atTime(LocalTime.MAX.truncatedTo(ChronoUnit.MICROS)), null);
  }

  private static Period time(String s) {
    LocalDateTime[] p = clock(TIME_DAY, s);
    return p == null ? null : new Period(p[0], p[1], null);
  }

  /** HH[MM[SS[.F{1,6}]]] on {@code day}: the first and the last microsecond it names. */
  private static LocalDateTime[] clock(LocalDate day, String s) {
    int dot = s.indexOf('.');
    String whole = dot < 0 ? s : s.substring(0, dot);
    String frac = dot < 0 ? "" : s.substring(dot + 1);
    if (!(whole.length() == 2 || whole.length() == 4 || whole.length() == 6) || !digits(whole, 0, whole.length())
        || (dot >= 0 && (whole.length() != 6 || frac.isEmpty() || frac.length() > 6 || !digits(frac, 0, frac.length())))) {
      return null;
    }
    int h = num(whole, 0, 2);
    int m = whole.length() >= 4 ? num(whole, 2, 4) : 0;
    int sec = whole.length() == 6 ? Math.min(num(whole, 4, 6), 59) : 0; // 60 is a leap second (PS3.5 TM)
    if (m > 59) {
      return null;
    }
    int micros = frac.isEmpty() ? 0 : Integer.parseInt((frac + "000000").substring(0, 6));
    LocalDateTime start = day.atTime(h, m, sec, micros * 1000);
    LocalDateTime end;
    if (!frac.isEmpty()) {
      end = start.plusNanos((pow10(6 - frac.length()) - 1) * 1000L);
    } else if (whole.length() == 6) {
      end = start.plusNanos(999_999_000L);
    } else if (whole.length() == 4) {
      end = start.plusSeconds(59).plusNanos(999_999_000L);
    } else {
      end = start.plusMinutes(59).plusSeconds(59).plusNanos(999_999_000L);
    }
    return new LocalDateTime[] {start, end};
  }

  /** YYYY[MM[DD[HH[MM[SS[.F{1,6}]]]]]][&ZZXX] (PS3.5 Table 6.2-1, DT). */
  private static Period dateTime(String s) {
    ZoneOffset offset = null;
    int sign = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
    if (sign >= 0) {
      String z = s.substring(sign + 1);
      if (z.length() != 4 || !digits(z, 0, 4) || sign < 4) {
        return null;
      }
      int minutes = num(z, 0, 2) * 60 + num(z, 2, 4);
      offset = ZoneOffset.ofTotalSeconds((s.charAt(sign) == '-' ? -60 : 60) * minutes);
      s = s.substring(0, sign);
    }
    int dot = s.indexOf('.');
    int n = dot < 0 ? s.length() : dot;
    if (!(n == 4 || n == 6 || n == 8 || n == 10 || n == 12 || n == 14) || !digits(s, 0, n)) {
      return null;
    }
    int year = num(s, 0, 4);
    if (n == 4) {
      LocalDate d = LocalDate.of(year, 1, 1);
      return new Period(d.atStartOfDay(), endOfDay(d.plusYears(1).minusDays(1)), offset);
    }
    int month = num(s, 4, 6);
    if (n == 6) {
      LocalDate d = LocalDate.of(year, month, 1);
      return new Period(d.atStartOfDay(), endOfDay(d.plusMonths(1).minusDays(1)), offset);
    }
    LocalDate d = LocalDate.of(year, month, num(s, 6, 8));
    if (n == 8) {
      if (dot >= 0) {
        return null;
      }
      return new Period(d.atStartOfDay(), endOfDay(d), offset);
    }
    LocalDateTime[] p = clock(d, s.substring(8));
    return p == null ? null : new Period(p[0], p[1], offset);
  }

  /** A DA period and a TM period joined into one DT period (PS3.4 §C.2.2.2.5.4). */
  static Period combine(Period date, Period time) {
    return new Period(date.start().toLocalDate().atTime(time.start().toLocalTime()),
        date.end().toLocalDate().atTime(time.end().toLocalTime()), null);
  }

  private static LocalDateTime endOfDay(LocalDate d) {
    return d.atTime(LocalTime.MAX.truncatedTo(ChronoUnit.MICROS));
  }

  private static boolean digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static int num(String s, int from, int to) {
    return Integer.parseInt(s.substring(from, to));
  }

  private static long pow10(int n) {
    long v = 1;
    for (int i = 0; i < n; i++) {
      v *= 10;
    }
    return v;
  }
}
