package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xcaibridge.soap.MultipartSamples.bytes;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Each limit stops a hostile body with a {@link MtomLimitException} naming the limit, its setting and the
 * value met, before the excess is held or passed on; bodies within the limits pass; settings are validated.
 */
class MtomLimitsAreEnforcedTest {
  private static final String CT = "multipart/related; type=\"application/xop+xml\"; boundary=b";

  private static MtomReader reader(MtomLimits limits) {
    return MtomReader.create(CT, limits, new MtomReader.Listener() {
      @Override
      public void root(MultipartPart part, byte[] envelope) {}

      @Override
      public void attachmentStart(MultipartPart part) {}

      @Override
      public void attachmentBody(ByteBuffer slice) {}

      @Override
      public void attachmentEnd() {}

      @Override
      public void end() {}
    });
  }

  private static byte[] manyParts(int parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < parts; i++) {
      out.writeBytes(bytes("--b\r\nContent-ID: <p" + i + "@x>\r\n\r\nx\r\n", StandardCharsets.US_ASCII));
    }
    out.writeBytes(bytes("--b--\r\n", StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  @Test
  void tenThousandPartsExceedTheDefaultPartCount() {
    byte[] body = manyParts(10_000);
    MultipartRecorder r = new MultipartRecorder();
    MultipartParser p = new MultipartParser("b", r, MtomLimits.DEFAULT);
    assertThatThrownBy(() -> p.feed(body)).isInstanceOfSatisfying(MtomLimitException.class, e -> {
      assertThat(e.limit()).isEqualTo("maxParts");
      assertThat(e.limitValue()).isEqualTo(MtomLimits.DEFAULT.maxParts());
      assertThat(e.actual()).isEqualTo(MtomLimits.DEFAULT.maxParts() + 1L);
    });
    assertThat(r.parts).hasSize(MtomLimits.DEFAULT.maxParts());
    MtomReader ok = reader(MtomLimits.DEFAULT);
    byte[] within = manyParts(MtomLimits.DEFAULT.maxParts());
    ok.feed(within, 0, within.length);
    ok.finish();
  }

  @Test
  void overLongPartHeaderIsStoppedAtTheLimit() {
    MtomLimits limits = new MtomLimits(1 << 20, 10, 1024, 1 << 20);
    byte[] body = bytes("--b\r\nX-Filler: " + "y".repeat(100_000) + "\r\n\r\nx\r\n--b--", StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> MultipartRecorder.parse("b", body, limits, 4096))
        .isInstanceOfSatisfying(MtomLimitException.class, e -> {
          assertThat(e.limit()).isEqualTo("maxPartHeaderBytes");
          assertThat(e.limitValue()).isEqualTo(1024);
          assertThat(e.actual()).isGreaterThan(1024);
          assertThat(e.offset()).isEqualTo(5);
        });
    byte[] endlessPadding = bytes("--b" + " ".repeat(2000) + "\r\n\r\nx\r\n--b--", StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> MultipartRecorder.parse("b", endlessPadding, limits))
        .isInstanceOfSatisfying(MtomLimitException.class, e -> assertThat(e.limit()).isEqualTo("maxPartHeaderBytes"));
    byte[] longPreamble = bytes("p".repeat(2000) + "\r\n--b\r\n\r\nx\r\n--b--", StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> MultipartRecorder.parse("b", longPreamble, limits))
        .isInstanceOfSatisfying(MtomLimitException.class, e -> assertThat(e.limit()).isEqualTo("maxPartHeaderBytes"));
    byte[] fits = bytes("--b\r\nX-Filler: " + "y".repeat(1000) + "\r\n\r\nx\r\n--b--", StandardCharsets.US_ASCII);
    assertThat(MultipartRecorder.parse("b", fits, limits).parts).hasSize(1);
  }

  @Test
  void overSizeRootPartIsStoppedAtTheLimit() {
    MtomLimits limits = new MtomLimits(1000, 10, 1024, 1 << 20);
    byte[] body = bytes("--b\r\n\r\n" + "<e>".repeat(1000) + "\r\n--b--", StandardCharsets.US_ASCII);
    MtomReader r = reader(limits);
    assertThatThrownBy(() -> r.feed(body, 0, body.length)).isInstanceOfSatisfying(MtomLimitException.class, e -> {
      assertThat(e.limit()).isEqualTo("maxRootPartBytes");
      assertThat(e.limitValue()).isEqualTo(1000);
      assertThat(e.actual()).isEqualTo(3000);
      assertThat(e.offset()).isEqualTo(7);
    });
    byte[] plain = bytes("<e>".repeat(1000), StandardCharsets.US_ASCII);
    MtomReader soap = MtomReader.create("application/soap+xml", limits, null);
    assertThatThrownBy(() -> soap.feed(plain, 0, plain.length))
        .isInstanceOfSatisfying(MtomLimitException.class, e -> assertThat(e.limit()).isEqualTo("maxRootPartBytes"));
    byte[] fits = bytes("--b\r\n\r\n" + "<e>".repeat(333) + "\r\n--b--", StandardCharsets.US_ASCII);
    MtomReader ok = reader(limits);
    ok.feed(fits, 0, fits.length);
    ok.finish();
  }

  @Test
  void overSizeAttachmentIsStoppedBeforeItsExcessIsPassedOn() {
    MtomLimits limits = new MtomLimits(1000, 10, 1024, 5000);
    byte[] body = bytes("--b\r\n\r\nroot\r\n--b\r\n\r\n" + "z".repeat(6000) + "\r\n--b--", StandardCharsets.US_ASCII);
    long[] passed = new long[1];
    MultipartParser counting = new MultipartParser("b", new MultipartHandler() {
      @Override
      public void partStart(MultipartPart part) {
        passed[0] = 0;
      }

      @Override
      public void partBody(ByteBuffer slice) {
        passed[0] += slice.remaining();
      }

      @Override
      public void partEnd() {}

      @Override
      public void end() {}
    }, limits);
    assertThatThrownBy(() -> {
      for (int i = 0; i < body.length; i += 700) {
        counting.feed(java.util.Arrays.copyOfRange(body, i, Math.min(body.length, i + 700)));
      }
    }).isInstanceOfSatisfying(MtomLimitException.class, e -> {
      assertThat(e.limit()).isEqualTo("maxPartBytes");
      assertThat(e.limitValue()).isEqualTo(5000);
    });
    assertThat(passed[0]).isLessThanOrEqualTo(5000);
    byte[] fits = bytes("--b\r\n\r\nroot\r\n--b\r\n\r\n" + "z".repeat(5000) + "\r\n--b--", StandardCharsets.US_ASCII);
    assertThat(MultipartRecorder.parse("b", fits, limits, 700).parts.get(1).body()).hasSize(5000);
  }

  @Test
  void settingsAreValidated() {
    assertThatThrownBy(() -> new MtomLimits(0, 1, 1, 1)).hasMessageContaining("maxRootPartBytes");
    assertThatThrownBy(() -> new MtomLimits(1L << 31, 1, 1, 1)).hasMessageContaining("maxRootPartBytes");
    assertThatThrownBy(() -> new MtomLimits(1, 0, 1, 1)).hasMessageContaining("maxParts must be ≥ 1, was 0");
    assertThatThrownBy(() -> new MtomLimits(1, 1, 0, 1)).hasMessageContaining("maxPartHeaderBytes");
    assertThatThrownBy(() -> new MtomLimits(1, 1, 1, -5)).hasMessageContaining("maxPartBytes must be ≥ 1, was -5");
  }
}
