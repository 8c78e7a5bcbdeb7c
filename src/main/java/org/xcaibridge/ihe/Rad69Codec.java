package org.xcaibridge.ihe;

import static org.xcaibridge.ihe.IheNamespaces.XDS_B;
import static org.xcaibridge.ihe.IheNamespaces.XDS_B_PREFIX;
import static org.xcaibridge.ihe.IheNamespaces.XDS_I_B;
import static org.xcaibridge.ihe.IheNamespaces.XDS_I_B_PREFIX;

import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamException;

/** RAD-69 / RAD-75 request body {@code iherad:RetrieveImagingDocumentSetRequest} (IHEXDSIB.xsd). */
final class Rad69Codec {
  private Rad69Codec() {}

  static RetrieveImagingDocumentSetRequest read(XmlIn in) throws IheParseException {
    List<StudyRequest> studies = new ArrayList<>();
    List<String> syntaxes = new ArrayList<>();
    try {
      while (in.nextChild()) {
        if (in.is("StudyRequest")) {
          in.countRepeat(studies, "StudyRequests");
          String study = in.requiredAttr("studyInstanceUID").trim();
          List<SeriesRequest> series = new ArrayList<>();
          while (in.nextChild()) {
            if (in.is("SeriesRequest")) {
              in.countRepeat(series, "SeriesRequests");
              series.add(readSeries(in));
            } else {
              in.skip();
            }
          }
          studies.add(new StudyRequest(study, series));
        } else if (in.is("TransferSyntaxUIDList")) {
          while (in.nextChild()) {
            if (in.is("TransferSyntaxUID")) {
              in.countRepeat(syntaxes, "TransferSyntaxUIDs");
              syntaxes.add(in.text());
            } else {
              in.skip();
            }
          }
        } else {
          in.skip();
        }
      }
      return new RetrieveImagingDocumentSetRequest(studies, syntaxes);
    } catch (IllegalArgumentException e) {
      throw in.fail("RetrieveImagingDocumentSetRequest: " + e.getMessage(), e);
    }
  }

  private static SeriesRequest readSeries(XmlIn in) throws IheParseException {
    String series = in.requiredAttr("seriesInstanceUID").trim();
    List<DocumentRequest> docs = new ArrayList<>();
    while (in.nextChild()) {
      if (in.is("DocumentRequest")) {
        in.countRepeat(docs, "DocumentRequests");
        docs.add(RetrieveCodec.readDocumentRequest(in));
      } else {
        in.skip();
      }
    }
    return new SeriesRequest(series, docs);
  }

  static void write(XmlOut out, RetrieveImagingDocumentSetRequest request) throws XMLStreamException {
    out.root(XDS_I_B_PREFIX, "RetrieveImagingDocumentSetRequest", XDS_I_B, XDS_B_PREFIX, XDS_B);
    for (StudyRequest study : request.studies()) {
      out.start(XDS_I_B_PREFIX, "StudyRequest", XDS_I_B);
      out.attr("studyInstanceUID", study.studyInstanceUid());
      for (SeriesRequest series : study.series()) {
        out.start(XDS_I_B_PREFIX, "SeriesRequest", XDS_I_B);
        out.attr("seriesInstanceUID", series.seriesInstanceUid());
        for (DocumentRequest d : series.documents()) {
          RetrieveCodec.writeDocumentRequest(out, d);
        }
        out.end();
      }
      out.end();
    }
    out.start(XDS_I_B_PREFIX, "TransferSyntaxUIDList", XDS_I_B);
    for (String ts : request.transferSyntaxUids()) {
      out.element(XDS_I_B_PREFIX, "TransferSyntaxUID", XDS_I_B, ts);
    }
    out.end();
    out.end();
  }
}
