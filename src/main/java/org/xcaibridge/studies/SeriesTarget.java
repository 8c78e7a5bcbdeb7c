package org.xcaibridge.studies;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.xcaibridge.cache.InstanceKey;
import org.xcaibridge.cache.SeriesKey;
import org.xcaibridge.dicom.KosManifest;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.ihe.DocumentRequest;
import org.xcaibridge.ihe.RetrieveImagingDocumentSetRequest;
import org.xcaibridge.ihe.SeriesRequest;
import org.xcaibridge.ihe.StudyRequest;

/**
 * One series to retrieve: where its study lives, the community's client, and the manifest's Referenced Series
 * item (its instances, in manifest order, and its Retrieve Location UID, protocol.md §4.4).
 */
record SeriesTarget(StudyLocation study, CommunityClient client, KosManifest.SeriesReference series) {

  String studyUid() {
    return study.studyInstanceUid();
  }

  String seriesUid() {
    return series.seriesInstanceUid();
  }

  SeriesKey seriesKey() {
    return new SeriesKey(studyUid(), seriesUid());
  }

  InstanceKey key(String sopInstanceUid) {
    return new InstanceKey(studyUid(), seriesUid(), sopInstanceUid);
  }

  /** The instances' keys in manifest order, without repeats; UIDs the cache cannot name are left out. */
  List<InstanceKey> keys() {
    Set<InstanceKey> out = new LinkedHashSet<>();
    for (KosManifest.InstanceReference i : series.instances()) {
      try {
        out.add(key(i.sopInstanceUid()));
      } catch (IllegalArgumentException e) {
        // not a UID (PS3.5 §9.1): such an instance cannot be stored or asked for by name
      }
    }
    return new ArrayList<>(out);
  }

  /** The SOP Class UID the manifest gives for an instance, or null. */
  String sopClassUid(String sopInstanceUid) {
    for (KosManifest.InstanceReference i : series.instances()) {
      if (i.sopInstanceUid().equals(sopInstanceUid)) {
        return i.sopClassUid();
      }
    }
    return null;
  }

  String community() {
    return client.endpoints().label();
  }

  /**
   * The RAD-75 request for some of the series' instances: one StudyRequest, one SeriesRequest, one DocumentRequest
   * per instance with the community's homeCommunityId and the series' Retrieve Location UID (the manifest's
   * repository when the manifest names none).
   */
  RetrieveImagingDocumentSetRequest request(List<InstanceKey> instances, TransferSyntaxRequest syntaxes) {
    String home = client.endpoints().homeCommunityId();
    String repository = series.retrieveLocationUid() != null ? series.retrieveLocationUid()
        : study.manifestRepositoryId();
    List<DocumentRequest> docs = instances.stream()
        .map(k -> new DocumentRequest(home, repository, k.sopInstanceUid())).toList();
    return new RetrieveImagingDocumentSetRequest(
        List.of(new StudyRequest(studyUid(), List.of(new SeriesRequest(seriesUid(), docs)))), syntaxes.uidList());
  }
}
