package org.xcaibridge.studies;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xcaibridge.cache.MetadataCache;
import org.xcaibridge.dicom.DicomParseException;
import org.xcaibridge.dicom.DicomReader;
import org.xcaibridge.dicom.KosManifest;
import org.xcaibridge.dicom.KosManifestException;
import org.xcaibridge.dicom.ReadOptions;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.GatewayException;
import org.xcaibridge.gateway.RetrievedDocument;
import org.xcaibridge.ihe.DocumentRequest;
import org.xcaibridge.ihe.RegistryError;
import org.xcaibridge.ihe.RetrieveDocumentSetRequest;

/**
 * KOS imaging manifests (protocol.md §3, §5): from the metadata cache, else fetched with one ITI-39 per
 * community for all the manifests it lacks, kept as the bytes received, read with {@link KosManifest#read}.
 * A manifest the community says it does not have is remembered as missing for a short while.
 */
final class ManifestSource {
  private static final Logger LOG = LoggerFactory.getLogger(ManifestSource.class);

  private final MetadataCache metadata;

  ManifestSource(MetadataCache metadata) {
    this.metadata = metadata;
  }

  /** A manifest by its document ids, and where its XDS repository is. */
  record Wanted(String documentUniqueId, String repositoryUniqueId) {}

  /**
   * The manifests the community can give, by document unique id; those it cannot (missing, unreadable) are
   * absent from the map. Fails only when the ITI-39 call itself fails.
   */
  Future<Map<String, KosManifest>> fetch(CommunityClient client, List<Wanted> wanted) {
    String home = client.endpoints().homeCommunityId();
    Map<String, KosManifest> found = new HashMap<>();
    List<Wanted> ask = new ArrayList<>();
    for (Wanted w : wanted) {
      MetadataCache.Lookup l = metadata.manifest(home, w.documentUniqueId());
      if (l instanceof MetadataCache.Found f) {
        KosManifest m = parse(f.value(), client, w.documentUniqueId());
        if (m != null) {
          found.put(w.documentUniqueId(), m);
          continue;
        }
      } else if (l instanceof MetadataCache.Absent) {
        continue;
      }
      if (ask.stream().noneMatch(a -> a.documentUniqueId().equals(w.documentUniqueId()))) {
        ask.add(w);
      }
    }
    if (ask.isEmpty()) {
      return Future.succeededFuture(found);
    }
    List<DocumentRequest> requests = ask.stream()
        .map(w -> new DocumentRequest(home, w.repositoryUniqueId(), w.documentUniqueId())).toList();
    return client.retrieveDocuments(new RetrieveDocumentSetRequest(requests)).map(answer -> {
      for (RetrievedDocument d : answer.documents()) {
        String id = d.documentUniqueId().strip();
        byte[] bytes = d.content().getBytes();
        KosManifest m = parse(bytes, client, id);
        if (m != null) {
          metadata.putManifest(home, id, bytes);
          found.put(id, m);
        }
      }
      markMissing(home, ask, found);
      return found;
    }).recover(e -> {
      if (e instanceof GatewayException.ErrorResponse r && r.errors().stream().allMatch(ManifestSource::missing)) {
        markMissing(home, ask, found);
        return Future.succeededFuture(found);
      }
      return Future.failedFuture(e);
    });
  }

  /** The manifest of a located study; fails with {@link StudiesException.NotFound} when the community lost it. */
  Future<KosManifest> forStudy(CommunityClient client, StudyLocation location) {
    return fetch(client, List.of(new Wanted(location.manifestDocumentId(), location.manifestRepositoryId())))
        .recover(e -> Future.failedFuture(Failures.translate(e, client.endpoints().label())))
        .compose(found -> {
          KosManifest m = found.get(location.manifestDocumentId());
          return m != null ? Future.succeededFuture(m) : Future.failedFuture(new StudiesException.NotFound(
              "the manifest of study " + location.studyInstanceUid() + " is no longer available from "
                  + client.endpoints().label()));
        });
  }

  private void markMissing(String home, List<Wanted> asked, Map<String, KosManifest> found) {
    for (Wanted w : asked) {
      if (!found.containsKey(w.documentUniqueId())) {
        metadata.putMissingManifest(home, w.documentUniqueId());
      }
    }
  }

  private static boolean missing(RegistryError e) {
    return e.knownCode().map(c -> c.meansDocumentMissing()
        || c == org.xcaibridge.ihe.RegistryErrorCode.XDS_UNKNOWN_REPOSITORY_ID).orElse(false);
  }

  private static KosManifest parse(byte[] bytes, CommunityClient client, String documentId) {
    try {
      return KosManifest.read(DicomReader.read(bytes, ReadOptions.ALL).dataset());
    } catch (DicomParseException | KosManifestException e) {
      LOG.warn("{} sent manifest {} that is not a usable KOS: {}", client.endpoints().label(), documentId,
          e.getMessage());
      return null;
    }
  }
}
