package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.junit.jupiter.api.Test;

/**
 * Body callbacks cannot break the envelope: a reader stops at the end of its element and what it leaves
 * unread is skipped; a writer must close what it opens and may not write document-level constructs.
 */
class BodyCallbackIsConfinedTest {
  private static final byte[] TWO_CHILDREN = SoapFixtures.envelopeAround("",
      "<first><a>1</a><b>2</b></first><second/>");

  @Test
  void readerEndsAtItsElement() throws Exception {
    SoapMessage<Integer> m = SoapReader.read(TWO_CHILDREN, XmlLimits.DEFAULT, r -> {
      int starts = 0;
      while (r.hasNext()) {
        if (r.next() == XMLStreamConstants.START_ELEMENT) {
          starts++;
        }
      }
      assertThat(r.getLocalName()).isEqualTo("first");
      assertThatThrownBy(r::next).isInstanceOf(XMLStreamException.class);
      return starts;
    });
    assertThat(m.body()).isEqualTo(2); // a and b; the second child is not the reader's
  }

  @Test
  void whatTheReaderLeavesIsSkipped() throws Exception {
    SoapMessage<String> m = SoapReader.read(TWO_CHILDREN, XmlLimits.DEFAULT, r -> {
      r.nextTag();
      return r.getElementText(); // stops inside <first>, before <b>
    });
    assertThat(m.body()).isEqualTo("1");
  }

  @Test
  void readerSeesLimitsToo() {
    assertThatThrownBy(() -> SoapReader.read(SoapFixtures.envelopeAround("", "<x>" + "y".repeat(200) + "</x>"),
        XmlLimits.DEFAULT.withMaxTextLength(100), r -> r.getElementText()))
        .isInstanceOf(XmlLimitException.class);
  }

  @Test
  void readerExceptionPassesThroughUnchanged() {
    XMLStreamException mine = new XMLStreamException("codec says no");
    assertThatThrownBy(() -> SoapReader.read(TWO_CHILDREN, XmlLimits.DEFAULT, r -> {
      throw mine;
    })).isSameAs(mine);
  }

  @Test
  void writerMustCloseWhatItOpens() {
    SoapWriter writer = new SoapWriter(SoapFixtures.countingIds());
    assertThatThrownBy(() -> writer.request("urn:a", "https://x/", SecurityHeader.none(),
        w -> w.writeStartElement("open"))).isInstanceOf(IllegalStateException.class).hasMessageContaining("open");
    assertThatThrownBy(() -> writer.request("urn:a", "https://x/", SecurityHeader.none(),
        w -> w.writeEndElement())).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void writerMayNotWriteDocumentLevelConstructs() {
    SoapWriter writer = new SoapWriter(SoapFixtures.countingIds());
    assertThatThrownBy(() -> writer.request("urn:a", "https://x/", SecurityHeader.none(),
        w -> w.writeStartDocument())).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> writer.request("urn:a", "https://x/", SecurityHeader.none(),
        w -> w.writeDTD("<!DOCTYPE x>"))).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> writer.request("urn:a", "https://x/", SecurityHeader.none(),
        w -> w.writeProcessingInstruction("pi"))).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void wellBehavedWriterStillWorksAfterwards() throws Exception {
    SoapWriter writer = new SoapWriter(SoapFixtures.countingIds());
    assertThatThrownBy(() -> writer.request("urn:a", "https://x/", SecurityHeader.none(),
        w -> w.writeStartElement("open"))).isInstanceOf(IllegalStateException.class);
    byte[] ok = writer.request("urn:a", "https://x/", SecurityHeader.none(), w -> w.writeEmptyElement("fine")).envelope();
    assertThat(SoapReader.read(ok, XmlLimits.DEFAULT, SoapFixtures.ROOT_NAME).body()).isEqualTo(new QName("fine"));
  }
}
