package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Sizes and durations are read with their units, binary and decimal kept apart; anything else is refused. */
class ByteSizeAndDurationSettingParseUnitsTest {
  @ParameterizedTest
  @CsvSource({"10GiB,10737418240", "10 GiB,10737418240", "512MiB,536870912", "1.5GB,1500000000", "4096,4096",
      "4096B,4096", "2kB,2000", "2KiB,2048", "1TiB,1099511627776", "0,0", "1.5KiB,1536", "10gib,10737418240"})
  void sizesParse(String text, long bytes) {
    assertThat(ByteSize.parse(text).bytes()).isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "GiB", "10 GiBs", "-1GiB", "10XB", "1e9", "ten", "9999999999TiB", "1,5GB"})
  void badSizesAreRefused(String text) {
    assertThatThrownBy(() -> ByteSize.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'");
  }

  @Test
  void sizesPrintInTheirLargestExactUnit() {
    assertThat(ByteSize.parse("10GiB")).hasToString("10GiB");
    assertThat(ByteSize.parse("1536")).hasToString("1536B");
    assertThat(ByteSize.parse("1500")).hasToString("1500B");
    assertThat(ByteSize.parse("2048KiB")).hasToString("2MiB");
  }

  @ParameterizedTest
  @CsvSource({"250ms,250", "30s,30000", "5m,300000", "2h,7200000", "7d,604800000", "0s,0", "30 s,30000"})
  void durationsParse(String text, long millis) {
    assertThat(DurationSetting.parse(text).duration()).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"30", "", "s", "-5s", "1.5s", "5 min", "5M", "PT5M", "5mn"})
  void badDurationsAreRefused(String text) {
    assertThatThrownBy(() -> DurationSetting.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a duration like 250ms, 30s");
  }

  @Test
  void durationsPrintInTheirLargestExactUnit() {
    assertThat(DurationSetting.parse("300s")).hasToString("5m");
    assertThat(DurationSetting.parse("1500ms")).hasToString("1500ms");
    assertThat(DurationSetting.parse("48h")).hasToString("2d");
  }
}
