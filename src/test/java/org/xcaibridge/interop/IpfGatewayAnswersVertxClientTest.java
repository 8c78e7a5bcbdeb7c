package org.xcaibridge.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import jakarta.activation.DataHandler;
import jakarta.mail.util.ByteArrayDataSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openehealth.ipf.platform.camel.ihe.xds.XdsCamelValidators;
import org.openehealth.ipf.commons.ihe.xds.core.requests.DocumentReference;
import org.openehealth.ipf.commons.ihe.xds.core.requests.RetrieveImagingDocumentSet;
import org.openehealth.ipf.commons.ihe.xds.core.responses.ErrorCode;
import org.openehealth.ipf.commons.ihe.xds.core.responses.ErrorInfo;
import org.openehealth.ipf.commons.ihe.xds.core.responses.RetrievedDocument;
import org.openehealth.ipf.commons.ihe.xds.core.responses.RetrievedDocumentSet;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Severity;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Status;
import org.xcaibridge.ihe.DocumentContent;
import org.xcaibridge.ihe.DocumentResponse;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.ihe.RegistryErrorCode;
import org.xcaibridge.ihe.ResponseStatus;
import org.xcaibridge.ihe.RetrieveDocumentSetResponse;
import org.xcaibridge.soap.MtomLimits;
import org.xcaibridge.soap.SoapMessage;

/**
 * IPF 5.1.0 as a RAD-75 Responding Imaging Gateway: a Camel route {@code from("xcai-rad75:rad75-service")} in a
 * plain Camel context ({@link IpfCamel}; no Spring Boot) validates our request with IPF's RAD-75 validator,
 * answers with IPF's own model (three instances and one unknown) and validates that too. Our Vert.x client gets PartialSuccess, IPF's
 * registry error, and three MTOM attachments with the SHA-256 of the source bytes, each found through its
 * {@code xop:Include}; the response action and RelatesTo are right.
 */
class IpfGatewayAnswersVertxClientTest {
  private static final Documents DOCS = new Documents()
      .add("1.2.3.4.5.8.1", 180_000).add("1.2.3.4.5.8.2", 2).add("1.2.3.4.5.8.3", 640_000);
  private static final ConcurrentLinkedQueue<RetrieveImagingDocumentSet> SEEN = new ConcurrentLinkedQueue<>();
  private static IpfCamel ipf;
  private static Vertx vertx;
  private static RetrieveClient client;

  @BeforeAll
  static void start() throws Exception {
    ipf = IpfCamel.start(new RouteBuilder() {
      @Override
      public void configure() {
        from("xcai-rad75:rad75-service?audit=false")
            .process(XdsCamelValidators.rad75RequestValidator())
            .process(exchange -> {
              RetrieveImagingDocumentSet request = exchange.getIn().getBody(RetrieveImagingDocumentSet.class);
              SEEN.add(request);
              exchange.getMessage().setBody(answer(request));
            })
            .process(XdsCamelValidators.rad75ResponseValidator());
      }
    }, true);
    vertx = Vertx.vertx();
    client = new RetrieveClient(vertx, MtomLimits.DEFAULT);
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    Interop.await(vertx.close());
    ipf.close();
  }

  /** IPF's model of the answer: every known instance as a DataHandler, an XDSDocumentUniqueIdError per other one. */
  private static RetrievedDocumentSet answer(RetrieveImagingDocumentSet request) {
    List<RetrievedDocument> found = new ArrayList<>();
    RetrievedDocumentSet set = new RetrievedDocumentSet();
    for (var study : request.getRetrieveStudies()) {
      for (var series : study.getRetrieveSerieses()) {
        for (DocumentReference d : series.getDocuments()) {
          if (!DOCS.has(d.getDocumentUniqueId())) {
            set.getErrors().add(new ErrorInfo(ErrorCode.DOCUMENT_UNIQUE_ID_ERROR, d.getDocumentUniqueId(),
                Severity.ERROR, IpfModels.HOME, null));
            continue;
          }
          RetrievedDocument r = new RetrievedDocument();
          r.setRequestData(d);
          r.setMimeType("application/dicom");
          r.setDataHandler(new DataHandler(new ByteArrayDataSource(DOCS.get(d.getDocumentUniqueId()),
              "application/dicom")));
          found.add(r);
        }
      }
    }
    set.getDocuments().addAll(found);
    set.setStatus(set.getErrors().isEmpty() ? Status.SUCCESS : Status.PARTIAL_SUCCESS);
    return set;
  }

  @Test
  void ipfAnswersOurRad75WithThreeAttachmentsIdentical() throws Exception {
    List<String> known = List.of("1.2.3.4.5.8.1", "1.2.3.4.5.8.2", "1.2.3.4.5.8.3");
    List<String> asked = new ArrayList<>(known);
    asked.add(1, "1.2.3.4.5.8.404");
    String url = ipf.url("rad75-service");

    RetrieveClient.Result result = client.call(url, IheTransaction.RAD_75, IpfModels.ourRad75Request(asked), true);

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.contentType()).startsWith("multipart/related").contains("application/xop+xml");
    SoapMessage<RetrieveDocumentSetResponse> m = result.message();
    assertThat(m.body().status()).isEqualTo(ResponseStatus.PARTIAL_SUCCESS);
    assertThat(m.body().errors()).singleElement().satisfies(e -> {
      assertThat(e.errorCode()).isEqualTo(RegistryErrorCode.XDS_DOCUMENT_UNIQUE_ID_ERROR.code());
      assertThat(e.codeContext()).isEqualTo("1.2.3.4.5.8.404");
      assertThat(e.location()).isEqualTo(IpfModels.HOME);
    });
    Map<String, String> byCid = result.digests();
    Map<String, String> received = new LinkedHashMap<>();
    for (DocumentResponse d : m.body().documents()) {
      assertThat(d.mimeType()).isEqualTo("application/dicom");
      assertThat(d.homeCommunityId()).isEqualTo(IpfModels.HOME);
      received.put(d.documentUniqueId(), byCid.get(((DocumentContent.XopInclude) d.content()).contentId()));
    }
    assertThat(received).containsExactlyEntriesOf(DOCS.digestsOf(known));
    assertThat(result.attachments()).hasSize(3);
    assertThat(m.headers().addressing().action()).contains(IheTransaction.RAD_75.responseAction());
    assertThat(m.headers().addressing().relatesTo()).contains(result.messageId());

    // IPF read our request as we meant it
    RetrieveImagingDocumentSet seen = SEEN.poll();
    assertThat(seen.getTransferSyntaxIds()).containsExactly("1.2.840.10008.1.2.1");
    assertThat(seen.getRetrieveStudies()).singleElement().satisfies(s -> {
      assertThat(s.getStudyInstanceUID()).isEqualTo(IpfModels.STUDY);
      assertThat(s.getRetrieveSerieses().get(0).getDocuments()).extracting(DocumentReference::getDocumentUniqueId)
          .containsExactlyElementsOf(asked);
    });
  }
}
