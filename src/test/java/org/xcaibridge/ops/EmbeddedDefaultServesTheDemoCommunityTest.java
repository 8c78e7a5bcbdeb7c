package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.DocumentEntry;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.ReferenceId;
import org.openehealth.ipf.commons.ihe.xds.core.responses.QueryResponse;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Status;
import org.xcaibridge.dicom.Dataset;
import org.xcaibridge.dicom.DicomFile;
import org.xcaibridge.dicom.DicomReader;
import org.xcaibridge.dicom.ExternalTools;
import org.xcaibridge.dicom.ReadOptions;
import org.xcaibridge.dicom.Tag;
import org.xcaibridge.dicom.TransferSyntax;
import org.xcaibridge.responder.RespondingGateway;

/**
 * The default mode, run in-process as Main runs it ({@code --work-dir} a temporary folder, free ports, the
 * shipped configuration): it generates the demo community with the required studies into {@code WORK/demo},
 * serves it through our Responding Gateway (IPF's ITI-38 client finds every study), answers /health on the front,
 * says in the log where everything is and that security is relaxed — and a second start reuses the studies
 * instead of generating them again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedDefaultServesTheDemoCommunityTest {
  @TempDir
  static Path work;
  private Vertx vertx;
  private Launcher.Running running;
  private OpsLog log;
  /** One row per instance: what our reader found in the file. */
  private final List<Instance> instances = new ArrayList<>();

  record Instance(Path file, String patientId, String study, String series, String modality, int rows, int columns,
                  int frames, String transferSyntax) {}

  @BeforeAll
  void start() throws Exception {
    log = OpsLog.watch();
    vertx = VertxRuntime.create(); // as Main runs: the native transport where it loads
    running = startDefault();
    try (Stream<Path> files = Files.walk(work.resolve("demo"))) {
      for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
          .sorted().toList()) {
        try (SeekableByteChannel ch = Files.newByteChannel(f)) {
          DicomFile d = DicomReader.read(ch, ReadOptions.HEADERS);
          Dataset ds = d.dataset();
          instances.add(new Instance(f, ds.string(Tag.PatientID), ds.string(Tag.StudyInstanceUID),
              ds.string(Tag.SeriesInstanceUID), ds.string(Tag.Modality), ds.intValue(Tag.Rows, -1),
              ds.intValue(Tag.Columns, -1), (int) ds.integer(Tag.NumberOfFrames, 1), d.transferSyntax().uid()));
        }
      }
    }
  }

  private Launcher.Running startDefault() throws Exception {
    String[] args = {"--work-dir", work.toString(), "--port", "0", "--responder-port", "0"};
    return ServeCommand.start(vertx, LaunchOptions.Mode.BRIDGE, args, Map.of(), Clock.systemUTC())
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
  }

  @AfterAll
  void stop() throws Exception {
    if (running != null) {
      running.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    log.close();
  }

  private List<String> messages() {
    return log.messages();
  }

  @Test
  @Order(1)
  void theDemoHasThePatientsAndStudiesAsked() {
    assertThat(instances).extracting(Instance::patientId).doesNotContainNull();
    assertThat(instances.stream().map(Instance::patientId).distinct().count()).isGreaterThanOrEqualTo(3);
    assertThat(instances.stream().map(Instance::study).distinct().count()).isGreaterThanOrEqualTo(6);
    Map<String, List<Instance>> bySeries = instances.stream().collect(Collectors.groupingBy(Instance::series));
    assertThat(bySeries.values()).as("a CT of 120+ slices at 512×512").anySatisfy(s -> {
      assertThat(s).hasSizeGreaterThanOrEqualTo(120);
      assertThat(s).allMatch(i -> i.modality().equals("CT") && i.rows() == 512 && i.columns() == 512);
    });
    assertThat(instances).as("an MR").anyMatch(i -> i.modality().equals("MR"));
    assertThat(instances).as("a multi-frame US or XA")
        .anyMatch(i -> (i.modality().equals("US") || i.modality().equals("XA")) && i.frames() > 1);
    assertThat(instances).as("a JPEG-compressed CR or DX").anyMatch(i -> (i.modality().equals("CR")
        || i.modality().equals("DX")) && i.transferSyntax().equals(TransferSyntax.JPEG_BASELINE.uid()));
  }

  /** dcmtk, an independent reader, reads one file of each series as we do. */
  @Test
  @Order(2)
  void dcmdumpReadsTheDemoAsWeDo() throws IOException {
    ExternalTools.requireDcmtk("dcmdump");
    Map<String, Instance> firstOfSeries = new HashMap<>();
    instances.forEach(i -> firstOfSeries.putIfAbsent(i.series(), i));
    for (Instance i : firstOfSeries.values()) {
      ExternalTools.Result r = ExternalTools.run(List.of("dcmdump", "+E", "+P", "0008,0060", "+P", "0010,0020",
          "+P", "0028,0010", "+P", "0002,0010", i.file().toString()), null, 60);
      assertThat(r.exitCode()).as("dcmdump %s: %s", i.file(), r.stderr()).isZero();
      assertThat(r.stderr()).as("dcmdump warnings for %s", i.file()).isEmpty();
      assertThat(r.out()).contains("(0008,0060) CS [" + i.modality() + "]")
          .contains("(0010,0020) LO [" + i.patientId() + "]")
          .contains("(0028,0010) US " + i.rows())
          .contains("(0002,0010) UI =").contains(i.transferSyntax().equals(TransferSyntax.JPEG_BASELINE.uid())
              ? "JPEGBaseline" : "LittleEndianExplicit");
    }
  }

  @Test
  @Order(3)
  void theLogSaysWhereEverythingIsAndThatSecurityIsRelaxed() {
    ResponderConfig rc = running.config.responder();
    assertThat(messages()).anyMatch(m -> m.equals("work directory: " + work.toAbsolutePath().normalize()
        + " (demo data, indexes and caches live here)"));
    assertThat(messages()).anyMatch(m -> m.startsWith("configuration: ") && m.endsWith("application.yaml"));
    assertThat(messages()).anyMatch(m -> m.startsWith("demo studies: generated ") && m.contains("for 3 patients, 6 studies"));
    assertThat(messages()).anyMatch(m -> m.equals("responder community: homeCommunityId " + rc.homeCommunityId()
        + ", repositoryUniqueId " + rc.repositoryUniqueId() + ", patient identity domain (assigning authority) "
        + rc.assigningAuthority()));
    assertThat(rc.homeCommunityId()).isEqualTo(ResponderConfig.DEMO_HOME_COMMUNITY_ID);
    assertThat(messages()).anyMatch(m -> m.equals("bridge front: http://127.0.0.1:" + running.frontPort() + "/health"));
    assertThat(messages()).anyMatch(m -> m.startsWith("security relaxed (demo mode)"));
  }

  @Test
  @Order(4)
  void theFrontAnswersHealthAndTheArchiveHoldsTheDemo() throws Exception {
    HttpClientAgent client = vertx.createHttpClient();
    int status = client.request(HttpMethod.GET, running.frontPort(), "127.0.0.1", "/health")
        .compose(r -> r.send()).map(r -> r.statusCode())
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(status).isEqualTo(200);
    client.close();
    assertThat(running.archive.patients().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS))
        .hasSize(3);
  }

  /** IPF, an independent IHE client, finds every demo study with ITI-38 at the URL the log gives. */
  @Test
  @Order(5)
  void ipfFindsEveryDemoStudyWithIti38() throws Exception {
    String iti38 = running.responderUrl() + RespondingGateway.ITI38_PATH;
    assertThat(messages()).anyMatch(m -> m.startsWith("responder endpoints (SOAP 1.2, POST): ")
        && m.contains("ITI-38 " + iti38));
    String authority = running.config.responder().assigningAuthority();
    Set<String> found = new HashSet<>();
    try (IpfFindDocuments ipf = new IpfFindDocuments()) {
      for (String pid : running.demo.patientIds()) {
        QueryResponse r = ipf.find(iti38, pid, authority);
        assertThat(r.getStatus()).as("patient %s: %s", pid, r.getErrors()).isEqualTo(Status.SUCCESS);
        for (DocumentEntry e : r.getDocumentEntries()) {
          assertThat(e.getPatientId().getId()).isEqualTo(pid);
          e.getReferenceIdList().stream().filter(id -> ReferenceId.ID_TYPE_STUDY_INSTANCE_ID.equals(id.getIdTypeCode()))
              .forEach(id -> found.add(id.getId()));
        }
      }
    }
    assertThat(found).hasSizeGreaterThanOrEqualTo(6)
        .isEqualTo(instances.stream().map(Instance::study).collect(Collectors.toSet()));
  }

  /** The marker and every file keep their modification time: nothing was written again. */
  @Test
  @Order(6)
  void aSecondStartKeepsTheDemo() throws Exception {
    Path marker = work.resolve("demo").resolve(DemoCommunity.MARKER);
    FileTime markerTime = Files.getLastModifiedTime(marker);
    FileTime ctTime = Files.getLastModifiedTime(instances.get(0).file());
    running.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    running = null;
    log.clear();
    running = startDefault();
    assertThat(messages()).anyMatch(m -> m.startsWith("demo studies: kept ") && m.contains("for 3 patients, 6 studies"));
    assertThat(messages()).noneMatch(m -> m.startsWith("demo studies: generated"));
    assertThat(Files.getLastModifiedTime(marker)).isEqualTo(markerTime);
    assertThat(Files.getLastModifiedTime(instances.get(0).file())).isEqualTo(ctTime);
    assertThat(running.archive.patients().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS))
        .hasSize(3);
  }
}
