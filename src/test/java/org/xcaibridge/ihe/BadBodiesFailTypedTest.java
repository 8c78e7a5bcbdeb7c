package org.xcaibridge.ihe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bad or oversized bodies fail with {@link IheParseException} / {@link IheLimitException} naming where;
 * after each failure a good body still reads (the codec keeps no state).
 */
class BadBodiesFailTypedTest {
  private static final String RESPONSE_HEAD = "<RetrieveDocumentSetResponse xmlns='urn:ihe:iti:xds-b:2007'>"
      + "<rs:RegistryResponse xmlns:rs='urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0' status='urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success'/>";

  private static String inlineDoc(int bytes) {
    return RESPONSE_HEAD + "<DocumentResponse><RepositoryUniqueId>1</RepositoryUniqueId><DocumentUniqueId>2</DocumentUniqueId>"
        + "<mimeType>application/dicom</mimeType><Document>" + Base64.getMimeEncoder().encodeToString(new byte[bytes])
        + "</Document></DocumentResponse></RetrieveDocumentSetResponse>";
  }

  private static IheMessage read(String xml, IheReadLimits limits) throws IheParseException {
    return new IheCodec(limits).read(IheTestXml.reader(xml));
  }

  @Test
  void inlineDocumentOverTheLimit() throws Exception {
    IheReadLimits limits = new IheReadLimits(1000, 4096, 100);
    assertThatThrownBy(() -> read(inlineDoc(1003), limits)).isInstanceOfSatisfying(IheLimitException.class, e -> {
      assertThat(e.limit()).isEqualTo("maxInlineDocumentBytes");
      assertThat(e.limitValue()).isEqualTo(1000);
      assertThat(e.actual()).isGreaterThan(1000);
      assertThat(e.line()).isPositive();
    });
    RetrieveDocumentSetResponse ok = (RetrieveDocumentSetResponse) read(inlineDoc(1000), limits);
    assertThat(((DocumentContent.Inline) ok.documents().get(0).content()).length()).isEqualTo(1000);
  }

  @Test
  void tooManyRepeats() throws Exception {
    IheReadLimits limits = new IheReadLimits(1000, 4096, 3);
    RetrieveDocumentSetRequest four = new RetrieveDocumentSetRequest(List.of(new DocumentRequest(null, "1", "1"),
        new DocumentRequest(null, "1", "2"), new DocumentRequest(null, "1", "3"), new DocumentRequest(null, "1", "4")));
    assertThatThrownBy(() -> read(IheTestXml.write(four), limits)).isInstanceOfSatisfying(IheLimitException.class,
        e -> assertThat(e.limit()).isEqualTo("maxRepeats (DocumentRequests)"));
    RetrieveDocumentSetRequest three = new RetrieveDocumentSetRequest(four.documents().subList(0, 3));
    assertThat(read(IheTestXml.write(three), limits)).isEqualTo(three);
  }

  @Test
  void overlongTextAndAttribute() throws Exception {
    IheReadLimits limits = new IheReadLimits(1000, 64, 100);
    String longUid = "1." + "2".repeat(80);
    String text = IheTestXml.write(new RetrieveDocumentSetRequest(List.of(new DocumentRequest(null, "1", longUid))));
    assertThatThrownBy(() -> read(text, limits)).isInstanceOf(IheLimitException.class);
    String attr = "<query:AdhocQueryResponse xmlns:query='urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0' status='"
        + "x".repeat(100) + "'/>";
    assertThatThrownBy(() -> read(attr, limits)).isInstanceOf(IheLimitException.class);
  }

  @Test
  void structurallyWrongBodies() {
    assertThatThrownBy(() -> IheTestXml.read("<Envelope xmlns='urn:x'/>"))
        .isInstanceOf(IheParseException.class).hasMessageContaining("not an IHE message");
    assertThatThrownBy(() -> IheTestXml.read("<query:AdhocQueryResponse xmlns:query='urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0' status='Maybe'/>"))
        .isInstanceOf(IheParseException.class).hasMessageContaining("no known status");
    assertThatThrownBy(() -> IheTestXml.read(RESPONSE_HEAD + "<DocumentResponse><RepositoryUniqueId>1</RepositoryUniqueId>"
        + "<DocumentUniqueId>2</DocumentUniqueId><mimeType>x/y</mimeType><Document>AB=C</Document></DocumentResponse>"
        + "</RetrieveDocumentSetResponse>")).isInstanceOf(IheParseException.class).hasMessageContaining("not base64");
    assertThatThrownBy(() -> IheTestXml.read(RESPONSE_HEAD + "<DocumentResponse><DocumentUniqueId>2</DocumentUniqueId>"
        + "<mimeType>x/y</mimeType><Document/></DocumentResponse></RetrieveDocumentSetResponse>"))
        .isInstanceOf(IheParseException.class).hasMessageContaining("repositoryUniqueId");
    assertThatThrownBy(() -> IheTestXml.read("<iherad:RetrieveImagingDocumentSetRequest xmlns:iherad='urn:ihe:rad:xdsi-b:2009'>"
        + "<iherad:StudyRequest studyInstanceUID='1'/></iherad:RetrieveImagingDocumentSetRequest>"))
        .isInstanceOf(IheParseException.class).hasMessageContaining("SeriesRequest");
    assertThatThrownBy(() -> IheTestXml.read("<query:AdhocQueryRequest xmlns:query='urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0'>"
        + "<AdhocQuery xmlns='urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0' id='urn:uuid:00000000-0000-0000-0000-000000000000'/>"
        + "</query:AdhocQueryRequest>")).isInstanceOf(IheParseException.class).hasMessageContaining("unsupported stored query");
    assertThatThrownBy(() -> IheTestXml.read("<RetrieveDocumentSetRequest xmlns='urn:ihe:iti:xds-b:2007'><DocumentRequest>"))
        .isInstanceOf(IheParseException.class);
  }

  @Test
  void wrongMessageTypeForTheExpectedAnswer() {
    String xml = IheTestXml.write(SampleMessages.iti39Request());
    assertThatThrownBy(() -> IheCodec.withDefaults().read(IheTestXml.reader(xml), AdhocQueryResponse.class))
        .isInstanceOf(IheParseException.class).hasMessageContaining("expected AdhocQueryResponse");
  }

  @Test
  void writerRefusesGetDocumentsWithoutHome() {
    AdhocQueryRequest noHome = new AdhocQueryRequest(SampleMessages.getDocuments().query(), ReturnType.LEAF_CLASS, null);
    assertThatThrownBy(() -> IheTestXml.write(noHome)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("homeCommunityId");
  }

  @Test
  void limitsAreValidated() {
    assertThatThrownBy(() -> new IheReadLimits(-1, 100, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IheReadLimits(1, 10, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IheReadLimits(1, 100, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
