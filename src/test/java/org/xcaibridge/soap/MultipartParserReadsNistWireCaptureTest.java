package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;

/**
 * The Axis2 MTOM request captured by NIST (fixture 16) parses into its root envelope and its text/plain
 * attachment, with the framing rules that capture exercises: LF-only line ends, a space of transport padding
 * after each boundary, trailing blanks on header lines, and no line end after the closing delimiter.
 */
class MultipartParserReadsNistWireCaptureTest {
  private static final String ROOT_CID = "0.urn:uuid:3D4B161591CD1DEC0C1286850962203@apache.org";
  private static final String DOC_CID = "1.urn:uuid:3D4B161591CD1DEC0C1286850962319@apache.org";

  @Test
  void findsRootAndAttachmentWithTheirHeaders() {
    MtomFixtures.WireCapture capture = MtomFixtures.nistMtomCapture();
    MultipartContentType ct = MultipartContentType.parse(capture.contentType());
    assertThat(ct.mediaType()).isEqualTo("multipart/related");
    assertThat(ct.parameter("type")).isEqualTo("application/xop+xml");
    assertThat(ct.parameter("start")).isEqualTo("<" + ROOT_CID + ">");
    assertThat(ct.parameter("start-info")).isEqualTo("application/soap+xml");
    assertThat(ct.parameter("action")).isEqualTo("urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b");

    MultipartRecorder r = MultipartRecorder.parse(ct.boundary(), capture.body(), MtomLimits.DEFAULT);

    assertThat(r.ended).isTrue();
    assertThat(r.parts).hasSize(2);
    MultipartRecorder.Part root = r.parts.get(0);
    assertThat(root.header()).isEqualTo(new MultipartPart(0, ROOT_CID,
        "application/xop+xml; charset=UTF-8; type=\"application/soap+xml\"", "binary"));
    String envelope = new String(root.body(), StandardCharsets.UTF_8);
    assertThat(envelope).startsWith("<?xml version='1.0' encoding='UTF-8'?><soapenv:Envelope")
        .endsWith("</soapenv:Body></soapenv:Envelope>");
    MultipartRecorder.Part doc = r.parts.get(1);
    assertThat(doc.header()).isEqualTo(new MultipartPart(1, DOC_CID, "text/plain", "binary"));
    String text = new String(doc.body(), StandardCharsets.UTF_8);
    assertThat(text).startsWith("Four score and seven years ago")
        .endsWith("shall not perish from the earth.");
  }

  @Test
  void xopIncludeInTheRootNamesTheAttachment() throws Exception {
    MtomFixtures.WireCapture capture = MtomFixtures.nistMtomCapture();
    List<String> hrefs = new ArrayList<>();
    List<MultipartPart> attachments = new ArrayList<>();
    byte[][] root = new byte[1][];
    MtomReader reader = MtomReader.create(capture.contentType(), MtomLimits.DEFAULT, new MtomReader.Listener() {
      @Override
      public void root(MultipartPart part, byte[] envelope) {
        root[0] = envelope;
      }

      @Override
      public void attachmentStart(MultipartPart part) {
        attachments.add(part);
      }

      @Override
      public void attachmentBody(java.nio.ByteBuffer slice) {}

      @Override
      public void attachmentEnd() {}

      @Override
      public void end() {}
    });
    reader.feed(capture.body(), 0, capture.body().length);
    reader.finish();

    XMLStreamReader x = SecureXml.reader(root[0], XmlLimits.DEFAULT);
    while (x.hasNext()) {
      if (x.next() == XMLStreamConstants.START_ELEMENT && x.getLocalName().equals("Include")
          && "http://www.w3.org/2004/08/xop/include".equals(x.getNamespaceURI())) {
        hrefs.add(x.getAttributeValue(null, "href"));
      }
    }
    assertThat(hrefs).containsExactly("cid:" + DOC_CID);
    assertThat(attachments).extracting(MultipartPart::contentId)
        .containsExactly(MtomReader.contentIdOf(hrefs.get(0)));
  }

  @Test
  void mime4jFindsTheSameParts() throws Exception {
    MtomFixtures.WireCapture capture = MtomFixtures.nistMtomCapture();
    MultipartRecorder ours = MultipartRecorder.parse(MultipartContentType.parse(capture.contentType()).boundary(),
        capture.body(), MtomLimits.DEFAULT);
    List<MimeOracle.Part> theirs = MimeOracle.parse(capture.contentType(), capture.body());

    assertThat(theirs).hasSize(ours.parts.size());
    for (int i = 0; i < theirs.size(); i++) {
      assertThat(theirs.get(i).headers().get("content-id")).isEqualTo("<" + ours.parts.get(i).header().contentId() + ">");
      assertThat(theirs.get(i).headers().get("content-type")).isEqualTo(ours.parts.get(i).header().contentType());
      assertThat(theirs.get(i).body()).isEqualTo(ours.parts.get(i).body());
    }
  }
}
