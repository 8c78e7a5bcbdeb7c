package org.xcaibridge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.dicom.DicomFile;
import org.xcaibridge.dicom.DicomReader;
import org.xcaibridge.dicom.ExternalTools;
import org.xcaibridge.dicom.Fixtures;
import org.xcaibridge.dicom.ReadOptions;
import org.xcaibridge.dicom.Tag;

/**
 * Real-world files (the shared corpus and pydicom's test files, written by other toolkits) stored
 * through the cache in odd-sized chunks: the stored bytes are the file's bytes, and every frame served
 * from the stored frame offset table, also after a restart, is the frame pydicom cuts from the file.
 */
class StoredFramesMatchPydicomTest {
  @TempDir
  Path dir;
  Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    Await.result(vertx.close());
  }

  @Test
  void framesFromTheStoreAreFramesFromPydicom() throws IOException {
    ExternalTools.requirePydicom();
    List<Path> files = new ArrayList<>(Fixtures.files(Fixtures.sharedDicom()));
    files.addAll(Fixtures.files(Fixtures.pydicomTestFiles()));
    Map<String, List<String>> oracle = oracle(files);
    CacheSettings settings = CacheSettings.of(dir, 1L << 30);
    InstanceStore store = Await.result(InstanceStore.open(vertx, settings));

    Map<InstanceKey, List<String>> stored = new LinkedHashMap<>();
    Set<InstanceKey> seen = new HashSet<>();
    List<String> withoutTable = new ArrayList<>();
    for (Path f : files) {
      List<String> frames = oracle.get(f.toString());
      InstanceKey key = keyOf(f);
      if (frames == null || key == null || !seen.add(key)) {
        continue; // pydicom cannot cut it, it has no usable UIDs, or it is a copy of a file already stored
      }
      byte[] bytes = Files.readAllBytes(f);
      byte[] back = Await.result(store.instance(key, () -> Future.succeededFuture(Synthetic.bytes(vertx, bytes, 997)))
          .compose(Await::bytes));
      assertThat(back).as("%s stored byte for byte", f).isEqualTo(bytes);
      if (!store.summary(key).orElseThrow().hasFrameTable()) {
        withoutTable.add(f.getFileName().toString());
        continue;
      }
      assertThat(store.summary(key).orElseThrow().numberOfFrames()).as("%s frames", f).isEqualTo(frames.size());
      assertThat(framesOf(store, key, frames.size())).as("%s", f).isEqualTo(frames);
      stored.put(key, frames);
    }
    // files whose frames the codec does not locate (deflated: offsets are in the inflated stream) are served whole
    assertThat(withoutTable).allMatch(n -> n.contains("dfl"), "only deflated files lack a frame table");
    assertThat(stored).hasSizeGreaterThanOrEqualTo(60);
    Await.result(store.close());

    InstanceStore again = Await.result(InstanceStore.open(vertx, settings));
    for (Map.Entry<InstanceKey, List<String>> e : stored.entrySet()) {
      assertThat(framesOf(again, e.getKey(), e.getValue().size())).isEqualTo(e.getValue());
    }
    Await.result(again.close());
  }

  private static List<String> framesOf(InstanceStore store, InstanceKey key, int count) {
    List<String> out = new ArrayList<>();
    for (int n = 1; n <= count; n++) {
      byte[] frame = Await.result(store.frame(key, n)).orElseThrow();
      out.add(frame.length + ":" + HexFormat.of().formatHex(Synthetic.sha().digest(frame)));
    }
    return out;
  }

  /** The file's UIDs as a key, or null when one is missing or not a valid UID. */
  private static InstanceKey keyOf(Path f) {
    try {
      DicomFile d = DicomReader.read(Files.readAllBytes(f), ReadOptions.HEADERS);
      String sop = d.dataset().string(Tag.SOPInstanceUID);
      return new InstanceKey(d.dataset().string(Tag.StudyInstanceUID), d.dataset().string(Tag.SeriesInstanceUID),
          sop != null ? sop : d.fileMeta().string(Tag.MediaStorageSOPInstanceUID));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** pydicom's frames (as "length:sha256") of each file it can cut, by path; frames_oracle.py is the frames tests' script. */
  private static Map<String, List<String>> oracle(List<Path> files) throws IOException {
    String script;
    try (InputStream in = StoredFramesMatchPydicomTest.class.getResourceAsStream("/org/xcaibridge/dicom/frames_oracle.py")) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String stdin = files.stream().map(Path::toString).collect(Collectors.joining("\n", "", "\n"));
    ExternalTools.Result r = ExternalTools.run(List.of(ExternalTools.PYTHON, "-c", script),
        stdin.getBytes(StandardCharsets.UTF_8), 600);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String line : r.out().split("\n")) {
      String[] f = line.split("\t", -1);
      if (f.length > 4 && f[1].equals("ok")) {
        out.put(f[0], Arrays.asList(f).subList(4, f.length));
      }
    }
    return out;
  }
}
