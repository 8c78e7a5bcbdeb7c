package org.xcaibridge.studies;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * The locator's file: an append-only journal of study locations, one line each, {@code <crc32> <json>\n}, the
 * last line for a study winning. A line that does not check out (a write torn by a crash, a flipped bit) is
 * skipped; a torn last line is cut off before anything is appended. Compaction writes the live locations to a
 * temporary file, forces it to disk and renames it over the journal atomically, so a crash at any point leaves
 * either the old journal or the new one. All methods block: the locator calls them on its worker.
 */
final class LocatorJournal implements AutoCloseable {
  static final String FILE = "locator.journal";
  private static final String TMP = "locator.journal.tmp";
  /** A line longer than this is not a location (manifests list thousands of series at most). */
  static final int MAX_LINE_BYTES = 4 << 20;

  /** What reading the journal found. */
  record Recovery(int lines, int skipped, boolean tornTail) {}

  private final Path dir;
  private FileChannel out;
  private long lines;

  private LocatorJournal(Path dir) {
    this.dir = dir;
  }

  /** Opens (creating) the journal in {@code dir}, handing each good location, in order, to {@code apply}. */
  static LocatorJournal open(Path dir, Consumer<StudyLocation> apply, Consumer<Recovery> report) throws IOException {
    Files.createDirectories(dir);
    Files.deleteIfExists(dir.resolve(TMP)); // a compaction that did not finish; the journal is intact
    LocatorJournal j = new LocatorJournal(dir);
    Path file = dir.resolve(FILE);
    long goodEnd = 0;
    int read = 0;
    int skipped = 0;
    boolean torn = false;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
      long position = 0;
      boolean tooLong = false;
      for (int b; (b = in.read()) >= 0; ) {
        position++;
        if (b != '\n') {
          if (line.size() < MAX_LINE_BYTES) {
            line.write(b);
          } else {
            tooLong = true;
          }
          continue;
        }
        StudyLocation loc = tooLong ? null : parse(line.toByteArray());
        if (loc == null) {
          skipped++;
        } else {
          apply.accept(loc);
          read++;
        }
        line.reset();
        tooLong = false;
        goodEnd = position;
      }
      torn = position > goodEnd;
    } catch (NoSuchFileException e) {
      // a new locator
    }
    j.out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    if (torn) {
      j.out.truncate(goodEnd);
      j.out.force(true);
    }
    j.out.position(goodEnd);
    j.lines = read + skipped;
    report.accept(new Recovery(read, skipped, torn));
    return j;
  }

  long lines() {
    return lines;
  }

  /** Appends the locations and forces them to disk. */
  void append(List<StudyLocation> locations) throws IOException {
    if (locations.isEmpty()) {
      return;
    }
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (StudyLocation l : locations) {
      b.writeBytes(line(l));
    }
    ByteBuffer buf = ByteBuffer.wrap(b.toByteArray());
    while (buf.hasRemaining()) {
      out.write(buf);
    }
    out.force(false);
    lines += locations.size();
  }

  /** Rewrites the journal as exactly {@code live}, atomically. */
  void compact(Collection<StudyLocation> live) throws IOException {
    Path tmp = dir.resolve(TMP);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      ByteArrayOutputStream b = new ByteArrayOutputStream(1 << 16);
      for (StudyLocation l : live) {
        b.writeBytes(line(l));
        if (b.size() >= 1 << 16) {
          ch.write(ByteBuffer.wrap(b.toByteArray()));
          b.reset();
        }
      }
      ch.write(ByteBuffer.wrap(b.toByteArray()));
      ch.force(true);
    }
    out.close();
    Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(dir);
    out = FileChannel.open(dir.resolve(FILE), StandardOpenOption.WRITE);
    out.position(out.size());
    lines = live.size();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  static byte[] line(StudyLocation l) {
    byte[] json = toJson(l).encode().getBytes(StandardCharsets.UTF_8);
    CRC32 crc = new CRC32();
    crc.update(json);
    byte[] head = (String.format("%08x", crc.getValue()) + ' ').getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[head.length + json.length + 1];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(json, 0, all, head.length, json.length);
    all[all.length - 1] = '\n';
    return all;
  }

  /** The location of one line, or null when the line does not check out. */
  static StudyLocation parse(byte[] line) {
    if (line.length < 10 || line[8] != ' ') {
      return null;
    }
    long expected;
    try {
      expected = HexFormat.fromHexDigitsToLong(new String(line, 0, 8, StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      return null;
    }
    CRC32 crc = new CRC32();
    crc.update(line, 9, line.length - 9);
    if (crc.getValue() != expected) {
      return null;
    }
    try {
      return fromJson(new JsonObject(new String(line, 9, line.length - 9, StandardCharsets.UTF_8)));
    } catch (DecodeException | ClassCastException | IllegalArgumentException | NullPointerException e) {
      return null;
    }
  }

  static JsonObject toJson(StudyLocation l) {
    StudySummary s = l.summary();
    JsonObject sum = new JsonObject();
    put(sum, "name", s.patientName());
    put(sum, "pid", s.patientId());
    put(sum, "issuer", s.issuerOfPatientId());
    put(sum, "birth", s.patientBirthDate());
    put(sum, "sex", s.patientSex());
    put(sum, "date", s.studyDate());
    put(sum, "time", s.studyTime());
    put(sum, "acc", s.accessionNumber());
    put(sum, "desc", s.studyDescription());
    put(sum, "ref", s.referringPhysicianName());
    put(sum, "sid", s.studyId());
    sum.put("mod", new JsonArray(new ArrayList<>(s.modalities())));
    sum.put("nse", s.numberOfSeries());
    sum.put("nin", s.numberOfInstances());
    return new JsonObject()
        .put("study", l.studyInstanceUid())
        .put("home", l.homeCommunityId())
        .put("cpid", l.communityPatientId())
        .put("doc", l.manifestDocumentId())
        .put("repo", l.manifestRepositoryId())
        .put("series", new JsonArray(new ArrayList<>(l.seriesInstanceUids())))
        .put("sum", sum);
  }

  static StudyLocation fromJson(JsonObject o) {
    JsonObject s = o.getJsonObject("sum");
    StudySummary sum = new StudySummary(s.getString("name"), s.getString("pid"), s.getString("issuer"),
        s.getString("birth"), s.getString("sex"), s.getString("date"), s.getString("time"), s.getString("acc"),
        s.getString("desc"), s.getString("ref"), s.getString("sid"), strings(s.getJsonArray("mod")),
        s.getInteger("nse"), s.getInteger("nin"));
    return new StudyLocation(o.getString("study"), o.getString("home"), o.getString("cpid"), o.getString("doc"),
        o.getString("repo"), strings(o.getJsonArray("series")), sum);
  }

  private static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      out.add(a.getString(i));
    }
    return out;
  }

  private static void put(JsonObject o, String name, String value) {
    if (value != null) {
      o.put(name, value);
    }
  }

  static void syncDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // some file systems cannot sync a directory; the rename itself is still atomic
    }
  }
}
