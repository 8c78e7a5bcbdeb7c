package org.xcaibridge.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Settings parse with their units and refuse bad values with a message that names the setting. */
class CacheSettingsTest {
  final Path dir = Path.of("/var/cache/xcai");

  @Test
  void byteSizesWithUnits() {
    assertThat(CacheSettings.parseBytes("cache.maxBytes", "500 MiB")).isEqualTo(500L << 20);
    assertThat(CacheSettings.parseBytes("cache.maxBytes", "20GB")).isEqualTo(20_000_000_000L);
    assertThat(CacheSettings.parseBytes("cache.maxBytes", "2tib")).isEqualTo(2L << 40);
    assertThat(CacheSettings.parseBytes("cache.maxBytes", "4096")).isEqualTo(4096);
    assertThatThrownBy(() -> CacheSettings.parseBytes("cache.maxBytes", "lots"))
        .hasMessage("cache.maxBytes: \"lots\" is not a byte size such as \"500 MiB\" or \"20GB\"");
    assertThatThrownBy(() -> CacheSettings.parseBytes("cache.maxBytes", "-1 GB")).hasMessageContaining("not a byte size");
    assertThatThrownBy(() -> CacheSettings.parseBytes("cache.maxBytes", "99999999999 TiB"))
        .hasMessage("cache.maxBytes: \"99999999999 TiB\" is too large");
  }

  @Test
  void durationsWithUnits() {
    assertThat(CacheSettings.parseDuration("cache.queryTtl", "30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(CacheSettings.parseDuration("cache.queryTtl", "5 m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(CacheSettings.parseDuration("cache.queryTtl", "250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(CacheSettings.parseDuration("cache.queryTtl", "1D")).isEqualTo(Duration.ofDays(1));
    assertThatThrownBy(() -> CacheSettings.parseDuration("cache.queryTtl", "30"))
        .hasMessage("cache.queryTtl: \"30\" is not a duration such as \"30s\", \"5m\" or \"1h\"");
    assertThatThrownBy(() -> CacheSettings.parseDuration("cache.queryTtl", "999999999999999999d"))
        .hasMessageContaining("too large");
  }

  @Test
  void storeSettingsAreChecked() {
    assertThat(StoreSettings.of(Path.of("relative/dir"), 1L << 30).directory()).isAbsolute();
    assertThatThrownBy(() -> StoreSettings.of(null, 1L << 30)).hasMessage("cache directory must be set");
    assertThatThrownBy(() -> StoreSettings.of(dir, 1000))
        .hasMessage("cache maxBytes must be at least 1 MiB, was 1000 bytes");
    assertThatThrownBy(() -> StoreSettings.of(dir, 1L << 30).withMaxInstanceBytes(2L << 30))
        .hasMessage("cache maxInstanceBytes must be between 1 KiB and maxBytes (1.0 GiB), was 2.0 GiB");
    assertThatThrownBy(() -> StoreSettings.of(dir, 1L << 30).withIo(0, 64 << 10, 1 << 20))
        .hasMessage("cache ioThreads must be between 1 and 64, was 0");
    assertThatThrownBy(() -> StoreSettings.of(dir, 1L << 30).withIo(4, 100, 1 << 20))
        .hasMessageContaining("readChunkBytes must be between 4 KiB and 8 MiB");
    assertThatThrownBy(() -> StoreSettings.of(dir, 1L << 30).withIo(4, 64 << 10, 1000))
        .hasMessageContaining("writeQueueBytes must be between 64 KiB and 256 MiB");
  }

  @Test
  void metadataSettingsAreChecked() {
    Duration m = Duration.ofMinutes(5);
    assertThatThrownBy(() -> new MetadataSettings(1000, m, m, m, Duration.ofSeconds(1), 1 << 20))
        .hasMessage("metadata cache maxBytes must be at least 64 KiB, was 1000 bytes");
    assertThatThrownBy(() -> new MetadataSettings(1 << 20, Duration.ZERO, m, m, Duration.ofSeconds(1), 1 << 20))
        .hasMessage("metadata cache queryTtl must be a positive duration, was PT0S");
    assertThatThrownBy(() -> new MetadataSettings(1 << 20, m, m, m, Duration.ofMinutes(10), 1 << 20))
        .hasMessageContaining("negativeTtl (PT10M) must not be longer than queryTtl (PT5M)");
    assertThatThrownBy(() -> new CacheSettings(null, MetadataSettings.defaults()))
        .hasMessage("cache settings need both store and metadata settings");
  }

  @Test
  void keysAreUids() {
    assertThatThrownBy(() -> new InstanceKey("1.2.3", "1.2.3.4", "../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sopInstanceUid may hold only digits and dots (PS3.5 §9.1); character 2 is U+002F");
    assertThatThrownBy(() -> new InstanceKey("1.2.3", "1".repeat(65), "1.2"))
        .hasMessage("seriesInstanceUid must be 1 to 64 characters (PS3.5 §9.1), was 65 characters");
    assertThat(new InstanceKey("1.2.3", "1.2.3.4", "1.2.3.4.5").fileStem()).hasSize(32).matches("[0-9a-f]+");
  }
}
