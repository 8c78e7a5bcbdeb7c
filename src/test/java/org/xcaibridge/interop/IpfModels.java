package org.xcaibridge.interop;

import jakarta.activation.DataHandler;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.EbXMLFactory30;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.EbXMLRetrieveDocumentSetResponse30;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetRequestType;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetResponseType;
import org.openehealth.ipf.commons.ihe.xds.core.requests.DocumentReference;
import org.openehealth.ipf.commons.ihe.xds.core.requests.RetrieveDocumentSet;
import org.openehealth.ipf.commons.ihe.xds.core.requests.RetrieveImagingDocumentSet;
import org.openehealth.ipf.commons.ihe.xds.core.requests.RetrieveSeries;
import org.openehealth.ipf.commons.ihe.xds.core.requests.RetrieveStudy;
import org.openehealth.ipf.commons.ihe.xds.core.responses.RetrievedDocumentSet;
import org.openehealth.ipf.commons.ihe.xds.core.stub.xdsi.RetrieveImagingDocumentSetRequestType;
import org.openehealth.ipf.commons.ihe.xds.core.transform.requests.RetrieveDocumentSetRequestTransformer;
import org.openehealth.ipf.commons.ihe.xds.core.transform.requests.RetrieveImagingDocumentSetRequestTransformer;
import org.openehealth.ipf.commons.ihe.xds.core.transform.responses.RetrieveDocumentSetResponseTransformer;
import org.xcaibridge.ihe.DocumentRequest;
import org.xcaibridge.ihe.RetrieveImagingDocumentSetRequest;
import org.xcaibridge.ihe.SeriesRequest;
import org.xcaibridge.ihe.StudyRequest;

/**
 * The peers' side of the messages: requests built with IPF's own model and transformers (not our codec),
 * and IPF/JAXB responses read back into ids and SHA-256 of the bytes the peer's DataHandlers give.
 */
final class IpfModels {
  static final EbXMLFactory30 FACTORY = new EbXMLFactory30();
  static final String HOME = "urn:oid:1.3.6.1.4.1.21367.13.70.201";
  static final String REPOSITORY = "1.3.6.1.4.1.21367.13.80.110";
  static final String STUDY = "1.3.6.1.4.1.21367.201599.1.201606021454002";
  static final String SERIES = "1.3.6.1.4.1.21367.201599.2.201606021454003";

  private IpfModels() {}

  /** A RAD-69/75 request for the given SOP Instance UIDs, one study and series, built by IPF. */
  static RetrieveImagingDocumentSetRequestType rad75Request(List<String> instanceUids) {
    RetrieveSeries series = new RetrieveSeries();
    series.setSeriesInstanceUID(SERIES);
    instanceUids.forEach(uid -> series.getDocuments().add(new DocumentReference(REPOSITORY, uid, HOME)));
    RetrieveStudy study = new RetrieveStudy();
    study.setStudyInstanceUID(STUDY);
    study.getRetrieveSerieses().add(series);
    RetrieveImagingDocumentSet request = new RetrieveImagingDocumentSet();
    request.getRetrieveStudies().add(study);
    request.getTransferSyntaxIds().add(RetrieveImagingDocumentSetRequest.EXPLICIT_VR_LITTLE_ENDIAN);
    return new RetrieveImagingDocumentSetRequestTransformer(FACTORY).toEbXML(request).getInternal();
  }

  /** An ITI-39 request for the given document unique ids, built by IPF. */
  static RetrieveDocumentSetRequestType iti39Request(List<String> documentUniqueIds) {
    RetrieveDocumentSet request = new RetrieveDocumentSet();
    documentUniqueIds.forEach(uid -> request.getDocuments().add(new DocumentReference(REPOSITORY, uid, HOME)));
    return new RetrieveDocumentSetRequestTransformer(FACTORY).toEbXML(request).getInternal();
  }

  /** The same RAD-75 request in our model. */
  static RetrieveImagingDocumentSetRequest ourRad75Request(List<String> instanceUids) {
    List<DocumentRequest> docs = instanceUids.stream().map(uid -> new DocumentRequest(HOME, REPOSITORY, uid)).toList();
    return new RetrieveImagingDocumentSetRequest(List.of(new StudyRequest(STUDY, List.of(new SeriesRequest(SERIES,
        docs)))), List.of(RetrieveImagingDocumentSetRequest.EXPLICIT_VR_LITTLE_ENDIAN));
  }

  /** IPF's simplified view of a JAXB response. */
  static RetrievedDocumentSet simplified(RetrieveDocumentSetResponseType response) {
    return new RetrieveDocumentSetResponseTransformer(FACTORY).fromEbXML(new EbXMLRetrieveDocumentSetResponse30(
        response));
  }

  /** SHA-256 of each returned document's bytes as the peer's DataHandler gives them, by document unique id. */
  static Map<String, String> digests(RetrieveDocumentSetResponseType response) throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    for (RetrieveDocumentSetResponseType.DocumentResponse d : response.getDocumentResponse()) {
      out.put(d.getDocumentUniqueId(), sha256(d.getDocument()));
    }
    return out;
  }

  static String sha256(DataHandler handler) throws Exception {
    try (InputStream in = handler.getInputStream()) {
      return Documents.sha256(in.readAllBytes());
    }
  }
}
