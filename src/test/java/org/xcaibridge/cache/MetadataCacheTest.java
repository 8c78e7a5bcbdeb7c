package org.xcaibridge.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Each kind of answer lives as long as its setting says, measured on a hand-moved clock; bytes are bounded and copied. */
class MetadataCacheTest {
  final AtomicLong nanos = new AtomicLong();
  final Ticker ticker = nanos::get;
  final Counters counters = new Counters();
  final MetadataCache cache = new MetadataCache(MetadataSettings.defaults(), ticker, counters);
  static final String COMMUNITY = "urn:oid:1.3.6.1.4.1.21367.13.70.200";
  static final SeriesKey SERIES = new SeriesKey("1.2.3", "1.2.3.4");

  void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  @Test
  void queryResultsExpireAfterTheQueryTtl() {
    cache.putQueryResult(COMMUNITY, "PAT-1^^^&1.2.3&ISO", bytes("result"));
    advance(Duration.ofMinutes(5).minusNanos(1));
    assertThat(found(cache.queryResult(COMMUNITY, "PAT-1^^^&1.2.3&ISO"))).isEqualTo("result");
    assertThat(cache.queryResult("urn:oid:9.9", "PAT-1^^^&1.2.3&ISO")).isInstanceOf(MetadataCache.Miss.class);
    advance(Duration.ofNanos(1));
    assertThat(cache.queryResult(COMMUNITY, "PAT-1^^^&1.2.3&ISO")).isInstanceOf(MetadataCache.Miss.class);
  }

  @Test
  void negativeAnswersExpireSooner() {
    cache.putUnknownPatient(COMMUNITY, "PAT-2");
    cache.putMissingManifest(COMMUNITY, "1.2.3.99");
    advance(Duration.ofSeconds(29));
    assertThat(cache.queryResult(COMMUNITY, "PAT-2")).isInstanceOf(MetadataCache.Absent.class);
    assertThat(cache.manifest(COMMUNITY, "1.2.3.99")).isInstanceOf(MetadataCache.Absent.class);
    advance(Duration.ofSeconds(1));
    assertThat(cache.queryResult(COMMUNITY, "PAT-2")).isInstanceOf(MetadataCache.Miss.class);
    assertThat(cache.manifest(COMMUNITY, "1.2.3.99")).isInstanceOf(MetadataCache.Miss.class);
  }

  @Test
  void anAnswerReplacingANegativeOneGetsItsOwnTtl() {
    cache.putUnknownPatient(COMMUNITY, "PAT-3");
    advance(Duration.ofSeconds(20));
    cache.putQueryResult(COMMUNITY, "PAT-3", bytes("now known"));
    advance(Duration.ofMinutes(4));
    assertThat(found(cache.queryResult(COMMUNITY, "PAT-3"))).isEqualTo("now known");
  }

  @Test
  void manifestsLiveAnHourAndAreCopiedInAndOut() {
    byte[] kos = bytes("KOS bytes");
    cache.putManifest(COMMUNITY, "1.2.3.100", kos);
    kos[0] = 'X';
    MetadataCache.Found f = (MetadataCache.Found) cache.manifest(COMMUNITY, "1.2.3.100");
    f.value()[0] = 'Y';
    assertThat(found(cache.manifest(COMMUNITY, "1.2.3.100"))).isEqualTo("KOS bytes");
    advance(Duration.ofMinutes(59));
    assertThat(cache.manifest(COMMUNITY, "1.2.3.100")).isInstanceOf(MetadataCache.Found.class);
    advance(Duration.ofMinutes(1));
    assertThat(cache.manifest(COMMUNITY, "1.2.3.100")).isInstanceOf(MetadataCache.Miss.class);
  }

  @Test
  void seriesMetadataIsKeptCompressed() {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < 2000; i++) {
      json.append(i == 0 ? "" : ",").append("{\"00080018\":{\"vr\":\"UI\",\"Value\":[\"1.2.3.4.").append(i)
          .append("\"]},\"00200013\":{\"vr\":\"IS\",\"Value\":[").append(i).append("]}}");
    }
    byte[] raw = json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    assertThat(cache.putSeriesMetadata(SERIES, raw)).isTrue();
    assertThat(cache.seriesMetadata(SERIES)).hasValueSatisfying(b -> assertThat(b).isEqualTo(raw));
    assertThat(cache.weightedBytes()).isLessThan(raw.length / 5);
    cache.invalidateSeries(SERIES);
    assertThat(cache.seriesMetadata(SERIES)).isEmpty();
    advance(Duration.ofHours(2));
    assertThat(cache.seriesMetadata(SERIES)).isEmpty();
  }

  @Test
  void seriesMetadataOverTheLimitIsNotKept() {
    MetadataCache small = new MetadataCache(new MetadataSettings(1 << 20, Duration.ofMinutes(5), Duration.ofHours(1),
        Duration.ofHours(1), Duration.ofSeconds(30), 4096), ticker, counters);
    assertThat(small.putSeriesMetadata(SERIES, new byte[4097])).isFalse();
    assertThat(small.seriesMetadata(SERIES)).isEmpty();
    assertThat(small.putSeriesMetadata(SERIES, new byte[4096])).isTrue();
  }

  @Test
  void theBudgetEvicts() {
    MetadataCache small = new MetadataCache(new MetadataSettings(64 << 10, Duration.ofMinutes(5), Duration.ofHours(1),
        Duration.ofHours(1), Duration.ofSeconds(30), 4096), ticker, counters);
    for (int i = 0; i < 100; i++) {
      small.putManifest(COMMUNITY, "1.2.3." + i, new byte[4000]);
    }
    assertThat(small.weightedBytes()).isLessThanOrEqualTo(64 << 10);
    assertThat(counters.metadataEvictions.sum()).isGreaterThanOrEqualTo(84);
  }

  @Test
  void countsHitsAndMissesAndRefusesEmptyKeys() {
    cache.putManifest(COMMUNITY, "1.2.3.5", bytes("m"));
    cache.manifest(COMMUNITY, "1.2.3.5");
    cache.manifest(COMMUNITY, "1.2.3.6");
    cache.seriesMetadata(SERIES);
    assertThat(counters.metadataHits.sum()).isEqualTo(1);
    assertThat(counters.metadataMisses.sum()).isEqualTo(2);
    assertThatThrownBy(() -> cache.queryResult(" ", "PAT")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("community must not be empty");
    assertThatThrownBy(() -> cache.manifest(COMMUNITY, null)).hasMessage("documentUniqueId must not be empty");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static String found(MetadataCache.Lookup l) {
    assertThat(l).isInstanceOf(MetadataCache.Found.class);
    return new String(((MetadataCache.Found) l).value(), StandardCharsets.US_ASCII);
  }
}
