package org.xcaibridge.responder;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xcaibridge.responder.ImageArchive.StudyRecord;

/**
 * What a {@link FolderArchive} answers from, immutable: every file by path, the tree of its instances and the file
 * that serves each instance (the first by path when several hold it). Replaced whole after a pass that changed
 * something. The manifest ids (a digest per study) are worked out when first asked for, not at start.
 */
final class FolderSnapshot {
  private static final Logger LOG = LoggerFactory.getLogger(FolderArchive.class);

  final TreeMap<String, FileEntry> entries;
  final ArchiveTree tree;
  final Map<String, FileEntry> fileBySop;
  private final ManifestSettings settings;
  private Map<String, String> studyByManifestId;

  private FolderSnapshot(TreeMap<String, FileEntry> entries, ArchiveTree tree, Map<String, FileEntry> fileBySop,
                         ManifestSettings settings) {
    this.entries = entries;
    this.tree = tree;
    this.fileBySop = fileBySop;
    this.settings = settings;
  }

  static FolderSnapshot of(TreeMap<String, FileEntry> entries, ManifestSettings settings) {
    Map<String, FileEntry> bySop = new HashMap<>();
    int repeated = 0;
    for (FileEntry e : entries.values()) { // in path order: the first file of an instance serves it
      if (e.header() != null && bySop.putIfAbsent(e.header().instance().sopInstanceUid(), e) != null) {
        repeated++;
      }
    }
    if (repeated > 0) {
      LOG.info("{} files repeat an instance another file holds; the first by path is served", repeated);
    }
    ArchiveTree tree = ArchiveTree.of(entries.values().stream().filter(e -> e.header() != null)
        .map(FileEntry::header).toList());
    return new FolderSnapshot(entries, tree, bySop, settings);
  }

  /** Document unique id of each study's manifest → the study. */
  synchronized Map<String, String> studyByManifestId() {
    assert Workers.notOnEventLoop("digesting every study");
    if (studyByManifestId == null) {
      Map<String, String> m = new HashMap<>();
      for (StudyRecord st : tree.studies()) {
        m.put(Manifests.documentUniqueId(settings, st, tree.studyInstances(st.studyInstanceUid())),
            st.studyInstanceUid());
      }
      studyByManifestId = m;
    }
    return studyByManifestId;
  }
}
