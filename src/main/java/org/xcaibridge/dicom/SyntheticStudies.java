package org.xcaibridge.dicom;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * The door to synthetic but realistic DICOM studies — the project's own test and demo data: CT and MR
 * series with consistent patient geometry, an ultrasound cine loop (multi-frame) and JPEG Baseline
 * radiographs, for invented patients. Every random choice comes from the {@link Random} given, every date
 * from the {@link Clock}: the same seed and clock give the same studies, byte for byte. Planning a study
 * ({@link #ctChestAbdomen} …) fixes its UIDs and seeds; {@link #instance} and {@link #write} then build any
 * instance on demand, one at a time, so a study of any size needs the memory of one instance only.
 */
public final class SyntheticStudies {
  /** An invented patient (Patient module, PS3.3 C.7.1.1). */
  public record Patient(String name, String id, String issuer, LocalDate birthDate, String sex, int heightCm,
                        int weightKg) {}

  /** A planned study (General Study module, PS3.3 C.7.2.1); its series share one Frame of Reference. */
  public record Study(Patient patient, String studyInstanceUid, String studyId, String accessionNumber,
                      LocalDateTime dateTime, String description, String referringPhysicianName,
                      String frameOfReferenceUid, LocalDateTime created, List<SyntheticSeries> series) {
    public Study {
      series = List.copyOf(series);
    }

    public int instanceCount() {
      return series.stream().mapToInt(SyntheticSeries::instanceCount).sum();
    }
  }

  /** Issuer of Patient ID of the invented patients (an assigning authority that exists nowhere else). */
  public static final String ISSUER = "XCAI.DEMO";
  /** Largest CT series planned; bigger studies get more series (reconstructions with other kernels). */
  public static final int MAX_CT_SLICES_PER_SERIES = 500;
  /** Largest CT study {@link #ctOfSize} plans: 200,000 slices, about 100 GiB. */
  public static final int MAX_CT_STUDY_SLICES = 200_000;
  /** Size of one CT slice file: 512×512×2 bytes of pixel data and about 2 KiB of header. */
  public static final long CT_SLICE_FILE_BYTES = 512L * 512 * 2 + 2_000;

  private static final String[] FAMILY = {"Anderson", "Müller", "García", "Nakamura", "Okafor", "Svensson",
      "Dubois", "Rossi", "Kowalski", "Novák", "O'Brien", "Fernández", "Larsen", "Singh", "Chen", "Haddad"};
  private static final String[] MALE = {"James", "Jürgen", "Luis", "Kenji", "Chinedu", "Lars", "Pierre", "Marco",
      "Piotr", "Omar"};
  private static final String[] FEMALE = {"Maria", "Ingrid", "Aiko", "Amara", "Chloé", "Giulia", "Zofia", "Priya",
      "Mei", "Léa"};
  private static final String[] OTHER = {"Alex", "Sam", "Robin", "Kim"};
  private static final String[] CT_KERNELS = {"STANDARD", "LUNG", "BONE", "SOFT"};

  private final Random random;
  private final Clock clock;
  private final Set<String> patientIds = new HashSet<>();

  public SyntheticStudies(Random random, Clock clock) {
    this.random = Objects.requireNonNull(random, "random");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A fresh UID under the UUID root (PS3.5 §B.2): 2.25. and a version-4 UUID drawn from the Random, in decimal. */
  public String uid() {
    byte[] b = new byte[16];
    random.nextBytes(b);
    b[6] = (byte) ((b[6] & 0x0F) | 0x40);
    b[8] = (byte) ((b[8] & 0x3F) | 0x80);
    return "2.25." + new BigInteger(1, b);
  }

  /** An invented adult with a name (some in Latin-1), an ID unique within this generator, sex and size. */
  public Patient patient() {
    int s = random.nextInt(100);
    String sex = s < 46 ? "M" : s < 92 ? "F" : "O";
    String[] given = sex.equals("M") ? MALE : sex.equals("F") ? FEMALE : OTHER;
    String name = FAMILY[random.nextInt(FAMILY.length)] + "^" + given[random.nextInt(given.length)];
    if (random.nextInt(3) == 0) {
      name += "^" + (char) ('A' + random.nextInt(26));
    }
    String id;
    do {
      id = String.format("XB%07d", random.nextInt(10_000_000));
    } while (!patientIds.add(id));
    LocalDate birth = LocalDate.now(clock).minusDays(365L * 18 + random.nextInt(365 * 70));
    int height = (sex.equals("F") ? 152 : 162) + random.nextInt(30);
    int weight = 50 + random.nextInt(60);
    return new Patient(name, id, ISSUER, birth, sex, height, weight);
  }

  /** A CT of chest and upper abdomen: one axial series of {@code slices} (1..500). */
  public Study ctChestAbdomen(Patient p, int slices) {
    range("slices", slices, 1, MAX_CT_SLICES_PER_SERIES);
    return ctStudy(p, "CT CHEST ABDOMEN W/O CONTRAST", new int[] {slices});
  }

  /**
   * One CT study of about {@code bytes} bytes of Part 10 files, in series of at most
   * {@value #MAX_CT_SLICES_PER_SERIES} slices (each another reconstruction of the same volume).
   */
  public Study ctOfSize(Patient p, long bytes) {
    if (bytes < 1 || bytes > MAX_CT_STUDY_SLICES * CT_SLICE_FILE_BYTES) {
      throw new IllegalArgumentException("a CT study can have 1 to " + MAX_CT_STUDY_SLICES * CT_SLICE_FILE_BYTES
          + " bytes, was " + bytes);
    }
    int slices = (int) Math.max(1, Math.round((double) bytes / CT_SLICE_FILE_BYTES));
    int count = (slices + MAX_CT_SLICES_PER_SERIES - 1) / MAX_CT_SLICES_PER_SERIES;
    int[] perSeries = new int[count];
    for (int i = 0; i < count; i++) {
      perSeries[i] = slices / count + (i < slices % count ? 1 : 0);
    }
    return ctStudy(p, "CT CHEST ABDOMEN W/O CONTRAST", perSeries);
  }

  private Study ctStudy(Patient p, String description, int[] perSeries) {
    StudyBase b = base();
    List<SyntheticSeries> series = new ArrayList<>();
    for (int i = 0; i < perSeries.length; i++) {
      int n = perSeries[i];
      double t = n <= 240 ? 1.25 : n <= 400 ? 0.75 : 0.625;
      String kernel = CT_KERNELS[i % CT_KERNELS.length];
      SyntheticSeries.Header h = header(b, i + 1, "Axial " + SyntheticImages.ds(t) + "mm " + kernel, n);
      series.add(new SyntheticSeries.Ct(h, SyntheticSeries.Region.CHEST_ABDOMEN, t, 40 + (n - 1) * t / 2, kernel));
    }
    return study(p, b, description, series);
  }

  /** A non-contrast head CT: one axial series of {@code slices} (1..160), 3 mm apart up to 40 slices, thinner beyond. */
  public Study ctHead(Patient p, int slices) {
    range("slices", slices, 1, 160);
    StudyBase b = base();
    double t = slices <= 40 ? 3 : slices <= 80 ? 1.5 : 1;
    SyntheticSeries.Header h = header(b, 1, "Axial " + SyntheticImages.ds(t) + "mm BRAIN", slices);
    SyntheticSeries series = new SyntheticSeries.Ct(h, SyntheticSeries.Region.HEAD, t, 20 + (slices - 1) * t / 2, "BRAIN");
    return study(p, b, "CT HEAD W/O CONTRAST", List.of(series));
  }

  /** A brain MR: a sagittal T2 series of {@code sagittal} slices (1..40) and an axial T1 series of {@code axial} (1..40). */
  public Study mrHead(Patient p, int sagittal, int axial) {
    range("sagittal slices", sagittal, 1, 40);
    range("axial slices", axial, 1, 40);
    StudyBase b = base();
    SyntheticSeries.Header sag = header(b, 1, "T2 TSE SAG", sagittal);
    SyntheticSeries.Header ax = header(b, 2, "T1 SE AX", axial);
    return study(p, b, "MR BRAIN W/O CONTRAST", List.of(
        new SyntheticSeries.Mr(sag, SyntheticSeries.Region.HEAD, SyntheticSeries.Weighting.T2,
            SyntheticSeries.Orientation.SAGITTAL, 3.5, -3.5 * (sagittal - 1) / 2),
        new SyntheticSeries.Mr(ax, SyntheticSeries.Region.HEAD, SyntheticSeries.Weighting.T1,
            SyntheticSeries.Orientation.AXIAL, 5, 15 - 5.0 * (axial - 1) / 2)));
  }

  /** An abdominal ultrasound with one cine loop of {@code frames} frames at 30 frames/s (a multi-frame instance). */
  public Study usAbdomen(Patient p, int frames, int rows, int columns) {
    range("frames", frames, 1, 100_000);
    StudyBase b = base();
    SyntheticSeries.Header h = header(b, 1, "Liver cine", 1);
    return study(p, b, "US ABDOMEN COMPLETE", List.of(new SyntheticSeries.UsCine(h, frames, rows, columns, 100.0 / 3)));
  }

  /** A two-view chest radiograph (PA and left lateral), JPEG Baseline, 0.2 mm imager pixels. */
  public Study crChest(Patient p, int rows, int columns) {
    StudyBase b = base();
    SyntheticSeries.Header h = header(b, 1, "Chest PA and lateral", 2);
    return study(p, b, "XR CHEST 2 VIEWS", List.of(new SyntheticSeries.Cr(h, List.of("PA", "LL"), rows, columns, 0.2)));
  }

  /**
   * The varied small set of the embedded demo community: three patients, six studies — a 120-slice chest CT
   * and a chest radiograph; a brain MR and an abdominal ultrasound cine; a head CT and a chest radiograph.
   */
  public List<Study> demoSet() {
    Patient a = patient();
    Patient b = patient();
    Patient c = patient();
    return List.of(
        ctChestAbdomen(a, 120), crChest(a, 2150, 1750),
        mrHead(b, 24, 20), usAbdomen(b, 60, 480, 640),
        ctHead(c, 40), crChest(c, 2150, 1750));
  }

  /** The dataset of instance {@code index} (0-based) of {@code series}, a series of {@code study}. */
  public static Dataset instance(Study study, SyntheticSeries series, int index) {
    return SyntheticImages.instance(study, series, index);
  }

  /** Explicit VR Little Endian for native pixel data, JPEG Baseline for the radiographs. */
  public static TransferSyntax transferSyntax(SyntheticSeries series) {
    return SyntheticImages.transferSyntax(series);
  }

  /** Writes instance {@code index} of {@code series} as a Part 10 file to {@code out} (not closed). */
  public static void write(OutputStream out, Study study, SyntheticSeries series, int index) throws IOException {
    DicomWriter.writeFile(out, instance(study, series, index), transferSyntax(series));
  }

  // ---- planning ----------------------------------------------------------------------------------

  /** What is drawn for every study, in a fixed order, before its series. */
  private record StudyBase(String studyUid, String studyId, String accession, LocalDateTime dateTime,
                           String referring, String frameOfReferenceUid, LocalDateTime created) {}

  private StudyBase base() {
    LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    LocalDateTime when = now.toLocalDate().minusDays(1 + random.nextInt(900)).atTime(7, 0)
        .plusMinutes(random.nextInt(11 * 60)).plusSeconds(random.nextInt(60));
    String referring = FAMILY[random.nextInt(FAMILY.length)] + "^" + (random.nextBoolean()
        ? MALE[random.nextInt(MALE.length)] : FEMALE[random.nextInt(FEMALE.length)]) + "^^Dr.";
    return new StudyBase(uid(), Integer.toString(10_000 + random.nextInt(90_000)),
        String.format("A%08d", random.nextInt(100_000_000)), when, referring, uid(), now);
  }

  private SyntheticSeries.Header header(StudyBase b, int number, String description, int instances) {
    String seriesUid = uid();
    List<String> uids = new ArrayList<>(instances);
    for (int i = 0; i < instances; i++) {
      uids.add(uid());
    }
    return new SyntheticSeries.Header(seriesUid, number, description, b.dateTime().plusMinutes(2 + 6L * (number - 1)),
        uids, random.nextLong());
  }

  private static Study study(Patient p, StudyBase b, String description, List<SyntheticSeries> series) {
    Objects.requireNonNull(p, "patient");
    return new Study(p, b.studyUid(), b.studyId(), b.accession(), b.dateTime(), description, b.referring(),
        b.frameOfReferenceUid(), b.created(), series);
  }

  private static void range(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
    }
  }
}
