package org.xcaibridge.dicomweb;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.xcaibridge.dicom.Tag;

/**
 * One page of QIDO-RS results in a stable order (PS3.18 §8.3.4.4: the same query gives the same order, so
 * that {@code offset} pages through it): studies newest first, then by UID; series and instances by study,
 * series number and instance number, then by UID. UIDs end every ordering, so it is total.
 *
 * @param rows the rows of the page
 * @param total how many rows matched
 * @param offset where the page starts
 */
public record QidoPage<T>(List<T> rows, int total, int offset) {
  public QidoPage {
    rows = List.copyOf(rows);
  }

  /** Matches after this page, which the client can still request (the count of the Warning). */
  public int remaining() {
    return Math.max(0, total - offset - rows.size());
  }

  /** Orders {@code matches} for {@code query}'s level and cuts the page of its limit and offset. */
  public static <T> QidoPage<T> of(List<T> matches, QidoQuery query, Function<T, AttributeView> view) {
    List<T> sorted = new ArrayList<>(matches);
    sorted.sort(Comparator.comparing(view, order(query.level())));
    int from = Math.min(query.offset(), sorted.size());
    int to = (int) Math.min((long) from + query.limit(), sorted.size());
    return new QidoPage<>(sorted.subList(from, to), sorted.size(), query.offset());
  }

  static Comparator<AttributeView> order(QidoLevel level) {
    Comparator<AttributeView> study = Comparator.comparing((AttributeView v) -> text(v, Tag.StudyDate),
            Comparator.reverseOrder())
        .thenComparing(v -> text(v, Tag.StudyTime), Comparator.reverseOrder())
        .thenComparing(v -> text(v, Tag.StudyInstanceUID));
    Comparator<AttributeView> series = Comparator.comparing((AttributeView v) -> text(v, Tag.StudyInstanceUID))
        .thenComparing(v -> number(v, SERIES_NUMBER), Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(v -> text(v, Tag.SeriesInstanceUID));
    switch (level) {
      case STUDY: return study;
      case SERIES: return series;
      default: return series.thenComparing(v -> number(v, INSTANCE_NUMBER), Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(v -> text(v, Tag.SOPInstanceUID));
    }
  }

  private static final int SERIES_NUMBER = 0x00200011;
  private static final int INSTANCE_NUMBER = 0x00200013;

  private static String text(AttributeView v, int tag) {
    List<String> values = v.values(tag);
    return values.isEmpty() ? "" : values.get(0).trim();
  }

  private static BigDecimal number(AttributeView v, int tag) {
    try {
      String s = text(v, tag);
      return s.isEmpty() ? null : new BigDecimal(s.startsWith("+") ? s.substring(1) : s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
