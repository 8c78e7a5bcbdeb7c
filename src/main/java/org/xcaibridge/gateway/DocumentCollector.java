package org.xcaibridge.gateway;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xcaibridge.ihe.DocumentContent;
import org.xcaibridge.ihe.DocumentResponse;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.soap.MtomAttachment;

/**
 * Holds the attachments of one ITI-39 answer in memory, all of them together under
 * {@link CommunitySettings#maxRetrievedDocumentBytes()} (past it the exchange is aborted), then pairs each
 * DocumentResponse with its bytes, from the attachment its {@code xop:Include} names or from inline base64.
 */
final class DocumentCollector implements Handler<MtomAttachment> {
  private final Exchange exchange;
  private final CommunityEndpoints community;
  private final long maxBytes;
  private final Map<String, Buffer> byContentId = new HashMap<>();
  private long total;

  DocumentCollector(Exchange exchange, CommunityEndpoints community, CommunitySettings settings) {
    this.exchange = exchange;
    this.community = community;
    this.maxBytes = settings.maxRetrievedDocumentBytes();
  }

  @Override
  public void handle(MtomAttachment attachment) {
    Buffer content = Buffer.buffer();
    attachment.body().exceptionHandler(e -> { }); // the exchange's end() reports it
    attachment.body().handler(chunk -> {
      total += chunk.length();
      if (total > maxBytes) {
        exchange.abort(tooBig());
      } else {
        content.appendBuffer(chunk);
      }
    });
    attachment.body().endHandler(v -> byContentId.put(attachment.contentId(), content));
  }

  /** Every DocumentResponse with its bytes, in answer order. */
  List<RetrievedDocument> pair(List<DocumentResponse> documents) throws GatewayException {
    List<RetrievedDocument> out = new ArrayList<>(documents.size());
    for (DocumentResponse d : documents) {
      if (d.content() instanceof DocumentContent.Inline inline) {
        total += inline.length();
        if (total > maxBytes) {
          throw tooBig();
        }
        out.add(new RetrievedDocument(d, Buffer.buffer(inline.bytes())));
      } else if (d.content() instanceof DocumentContent.XopInclude include) {
        Buffer bytes = ContentIds.lookup(byContentId, include.contentId());
        if (bytes == null) {
          throw new GatewayException.ProtocolViolation(community, IheTransaction.ITI_39, "document "
              + d.documentUniqueId() + " names attachment <" + include.contentId() + ">, which the answer lacks",
              null);
        }
        out.add(new RetrievedDocument(d, bytes));
      }
    }
    return out;
  }

  private GatewayException tooBig() {
    return new GatewayException.ProtocolViolation(community, IheTransaction.ITI_39,
        "documents exceed maxRetrievedDocumentBytes of " + maxBytes + " bytes", null);
  }
}
