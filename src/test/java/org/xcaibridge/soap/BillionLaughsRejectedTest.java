package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXParseException;

/**
 * A billion-laughs envelope (10^9 expansions of "lol", about 3 GB if expanded) is refused at its
 * DOCTYPE, before any entity is expanded: the reading thread allocates a few MB at most. The time
 * bound is only a hang guard; speed is not asserted here.
 */
class BillionLaughsRejectedTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(60);
  private static final long ALLOCATION_BOUND = 32L << 20;

  static String laughsDoctype() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE s:Envelope [<!ENTITY lol0 \"lol\">");
    for (int i = 1; i <= 9; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"");
      for (int j = 0; j < 10; j++) {
        dtd.append("&lol").append(i - 1).append(';');
      }
      dtd.append("\">");
    }
    return dtd.append("]>").toString();
  }

  static byte[] billionLaughs() {
    return SoapFixtures.envelopeAround(laughsDoctype(), "<x>&lol9;</x>");
  }

  @BeforeAll
  static void warmUp() throws Exception {
    SoapFixtures.assertRecovers(); // class loading is not what we measure
  }

  @Test
  void soapReaderRefusesTheDoctypeWithoutExpanding() {
    long allocated = allocatedWhile(() -> assertThatThrownBy(
        () -> SoapReader.read(billionLaughs(), XmlLimits.DEFAULT, SoapFixtures.ROOT_NAME))
        .isInstanceOf(XmlDoctypeException.class)
        .hasMessageContaining("document type declaration"));
    assertThat(allocated).isLessThan(ALLOCATION_BOUND);
  }

  @Test
  void domParsingRefusesTheDoctypeWithoutExpanding() {
    long allocated = allocatedWhile(() -> assertThatThrownBy(
        () -> SecureXml.parseDocument(billionLaughs(), XmlLimits.DEFAULT))
        .isInstanceOf(XmlDoctypeException.class));
    assertThat(allocated).isLessThan(ALLOCATION_BOUND);
  }

  @Test
  void hardenedDocumentBuilderRefusesTheDoctype() {
    long allocated = allocatedWhile(() -> assertThatThrownBy(
        () -> SecureXml.documentBuilder(XmlLimits.DEFAULT).parse(new ByteArrayInputStream(billionLaughs())))
        .isInstanceOf(SAXParseException.class)
        .hasMessageContaining("DOCTYPE"));
    assertThat(allocated).isLessThan(ALLOCATION_BOUND);
  }

  @Test
  void entityReferenceWithoutDoctypeIsRefusedToo() {
    assertThatThrownBy(() -> SoapReader.read(SoapFixtures.envelopeAround("", "<x>&lol9;</x>"),
        XmlLimits.DEFAULT, SoapFixtures.ROOT_NAME))
        .isInstanceOf(XmlDoctypeException.class)
        .hasMessageContaining("&lol9;");
  }

  @Test
  void goodEnvelopeStillParsesAfterwards() throws Exception {
    assertThatThrownBy(() -> SoapReader.read(billionLaughs(), XmlLimits.DEFAULT, SoapFixtures.ROOT_NAME))
        .isInstanceOf(XmlDoctypeException.class);
    SoapFixtures.assertRecovers();
  }

  /** Bytes the current thread allocated while running {@code work}, under a hang guard. */
  private static long allocatedWhile(Runnable work) {
    return assertTimeoutPreemptively(HANG_GUARD, () -> {
      com.sun.management.ThreadMXBean threads =
          (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
      long before = threads.getCurrentThreadAllocatedBytes();
      work.run();
      return threads.getCurrentThreadAllocatedBytes() - before;
    });
  }
}
