package org.xcaibridge.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.xcaibridge.dicom.SyntheticSeries;
import org.xcaibridge.dicom.SyntheticStudies;
import org.xcaibridge.dicom.Tag;
import org.xcaibridge.ihe.DocumentRequest;
import org.xcaibridge.ihe.IheCodec;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.ihe.RetrieveImagingDocumentSetRequest;
import org.xcaibridge.ihe.SeriesRequest;
import org.xcaibridge.ihe.StudyRequest;
import org.xcaibridge.soap.SecurityHeader;
import org.xcaibridge.soap.SoapWriter;

/**
 * A generated CT study for the benches, written once into a folder our responder serves: every series of it (past
 * about 250 MiB a study has several), files named {@code <prefix><series>-<instance>.dcm}, so that several studies
 * can share one folder. What the benches need to ask for it is kept in a marker file beside them.
 *
 * @param patient the patient ID (issuer {@link SyntheticStudies#ISSUER})
 * @param study   the Study Instance UID
 * @param series  each series' UID and its SOP Instance UIDs, in order
 */
record BenchStudy(String patient, String study, List<Series> series) {
  record Series(String uid, List<String> sops) {}

  int instanceCount() {
    return series.stream().mapToInt(s -> s.sops().size()).sum();
  }

  /** The study of about {@code mib} MiB drawn from {@code seed}, written into {@code folder} unless it is there. */
  static BenchStudy ensure(Path folder, String prefix, int mib, long seed) throws IOException {
    Path marker = folder.resolve(".bench-study-" + prefix + mib + "-" + seed);
    Properties p = new Properties();
    if (Files.isRegularFile(marker)) {
      try (var in = Files.newBufferedReader(marker)) {
        p.load(in);
      }
      return of(p);
    }
    Files.createDirectories(folder);
    SyntheticStudies gen = new SyntheticStudies(new Random(seed), Clock.systemUTC());
    SyntheticStudies.Study st = gen.ctOfSize(gen.patient(), (long) mib << 20);
    p.setProperty("patient", st.patient().id());
    p.setProperty("study", st.studyInstanceUid());
    p.setProperty("seriesCount", Integer.toString(st.series().size()));
    for (int s = 0; s < st.series().size(); s++) {
      SyntheticSeries series = st.series().get(s);
      StringBuilder sops = new StringBuilder();
      for (int i = 0; i < series.instanceCount(); i++) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(folder.resolve(
            String.format("%s%02d-%05d.dcm", prefix, s, i))), 1 << 18)) {
          SyntheticStudies.write(out, st, series, i);
        }
        sops.append(i == 0 ? "" : ",").append(SyntheticStudies.instance(st, series, i).string(Tag.SOPInstanceUID));
      }
      p.setProperty("series." + s, SyntheticStudies.instance(st, series, 0).string(Tag.SeriesInstanceUID));
      p.setProperty("sops." + s, sops.toString());
    }
    try (var out = Files.newBufferedWriter(marker)) {
      p.store(out, "bench study");
    }
    return of(p);
  }

  private static BenchStudy of(Properties p) {
    List<Series> series = new ArrayList<>();
    int n = Integer.parseInt(p.getProperty("seriesCount"));
    for (int s = 0; s < n; s++) {
      series.add(new Series(p.getProperty("series." + s), List.of(p.getProperty("sops." + s).split(","))));
    }
    return new BenchStudy(p.getProperty("patient"), p.getProperty("study"), series);
  }

  /**
   * A RAD-75 request to {@code to} for every instance of the study, Explicit VR Little Endian: the whole study in
   * one request, the bytes the bridge asks for series by series.
   */
  byte[] rad75Request(String to, String homeCommunityId, String repositoryUniqueId) throws Exception {
    return rad75Request(to, homeCommunityId, repositoryUniqueId, series);
  }

  /** A RAD-75 request for every instance of {@code these} series of the study. */
  byte[] rad75Request(String to, String homeCommunityId, String repositoryUniqueId, List<Series> these)
      throws Exception {
    List<SeriesRequest> rs = new ArrayList<>();
    for (Series s : these) {
      List<DocumentRequest> docs = new ArrayList<>();
      for (String sop : s.sops()) {
        docs.add(new DocumentRequest(homeCommunityId, repositoryUniqueId, sop));
      }
      rs.add(new SeriesRequest(s.uid(), docs));
    }
    RetrieveImagingDocumentSetRequest request = new RetrieveImagingDocumentSetRequest(List.of(new StudyRequest(study,
        rs)), List.of("1.2.840.10008.1.2.1"));
    return new SoapWriter(UUID::randomUUID).request(IheTransaction.RAD_75.requestAction(), to, SecurityHeader.none(),
        w -> IheCodec.withDefaults().write(w, request)).envelope();
  }
}
