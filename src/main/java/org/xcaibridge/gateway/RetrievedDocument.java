package org.xcaibridge.gateway;

import io.vertx.core.buffer.Buffer;
import java.util.Objects;
import org.xcaibridge.ihe.DocumentResponse;

/**
 * One document of an ITI-39 answer, held in memory (manifests are kilobytes; the total is bounded by
 * {@link CommunitySettings#maxRetrievedDocumentBytes()}).
 *
 * @param response the DocumentResponse as received (its content still the {@code xop:Include} or inline form)
 * @param content  the document's bytes, from the attachment or the inline base64
 */
public record RetrievedDocument(DocumentResponse response, Buffer content) {
  public RetrievedDocument {
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(content, "content");
  }

  public String documentUniqueId() {
    return response.documentUniqueId();
  }
}
