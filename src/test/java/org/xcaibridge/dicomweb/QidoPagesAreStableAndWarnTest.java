package org.xcaibridge.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Paging gives one order whatever order rows arrive in, and the Warning texts have RFC 7234's shape. */
class QidoPagesAreStableAndWarnTest {
  private static final QidoQueryParser PARSER = new QidoQueryParser(QidoLimits.DEFAULT);

  @Test
  void studiesNewestFirstThenByUidWhateverTheArrivalOrder() {
    List<JsonObject> rows = new ArrayList<>();
    rows.add(study("1.9", "20200101", "1000"));
    rows.add(study("1.2", "20210101", null));
    rows.add(study("1.3", "20210101", "0900"));
    rows.add(study("1.1", null, null));
    rows.add(study("1.4", "20210101", "0900"));
    QidoQuery q = PARSER.parse(QidoLevel.STUDY, null, null, "limit=2&offset=1");
    List<String> first = null;
    Random random = new Random(7);
    for (int i = 0; i < 20; i++) {
      Collections.shuffle(rows, random);
      QidoPage<JsonObject> page = QidoPage.of(rows, q, AttributeView::of);
      List<String> uids = page.rows().stream().map(r -> uid(r, "0020000D")).toList();
      if (first == null) {
        first = uids;
      }
      assertThat(uids).isEqualTo(first);
      assertThat(page.total()).isEqualTo(5);
      assertThat(page.remaining()).isEqualTo(2);
    }
    // order: 1.3 and 1.4 (2021-01-01 09:00, by UID), 1.2 (2021-01-01, no time), 1.9, 1.1 (no date last)
    assertThat(first).containsExactly("1.4", "1.2");
  }

  @Test
  void seriesByNumberNumericallyThenUidAndAnOffsetPastTheEndIsEmpty() {
    List<JsonObject> rows = List.of(series("2.5", 10), series("2.1", 2), series("2.3", null), series("2.2", 2));
    QidoPage<JsonObject> page = QidoPage.of(rows, PARSER.parse(QidoLevel.SERIES, "1.1", null, ""), AttributeView::of);
    assertThat(page.rows()).extracting(r -> uid(r, "0020000E")).containsExactly("2.1", "2.2", "2.5", "2.3");
    QidoPage<JsonObject> past = QidoPage.of(rows, PARSER.parse(QidoLevel.SERIES, "1.1", null, "offset=9"),
        AttributeView::of);
    assertThat(past.rows()).isEmpty();
    assertThat(past.remaining()).isZero();
  }

  @Test
  void warningsAreQuotedAsciiWith299() {
    assertThat(QidoWarnings.additionalResults("bridge:8080", 42))
        .isEqualTo("299 bridge:8080 \"There are 42 additional results that can be requested\"");
    assertThat(QidoWarnings.communityFailed("bridge", "Hôpital \"Nord\"", "timed out after 5000 ms"))
        .isEqualTo("299 bridge \"Community H?pital \\\"Nord\\\" could not be searched (timed out after 5000 ms);"
            + " its results are missing from this answer\"");
    assertThat(QidoWarnings.attributesMissing("my bridge", List.of("Rows", "NumberOfFrames")))
        .startsWith("299 my-bridge \"").endsWith("Rows, NumberOfFrames\"");
    assertThat(QidoWarnings.limitClamped("b", 1000)).contains("reduced to 1000");
  }

  private static JsonObject study(String uid, String date, String time) {
    JsonObject o = new JsonObject().put("0020000D", attr("UI", uid));
    if (date != null) {
      o.put("00080020", attr("DA", date));
    }
    if (time != null) {
      o.put("00080030", attr("TM", time));
    }
    return o;
  }

  private static JsonObject series(String uid, Integer number) {
    JsonObject o = new JsonObject().put("0020000D", attr("UI", "1.1")).put("0020000E", attr("UI", uid));
    if (number != null) {
      o.put("00200011", new JsonObject().put("vr", "IS").put("Value", new JsonArray().add(number)));
    }
    return o;
  }

  private static JsonObject attr(String vr, String value) {
    return new JsonObject().put("vr", vr).put("Value", new JsonArray().add(value));
  }

  private static String uid(JsonObject row, String tag) {
    return row.getJsonObject(tag).getJsonArray("Value").getString(0);
  }
}
