package org.xcaibridge.responder;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import org.xcaibridge.responder.ImageArchive.InstanceRecord;
import org.xcaibridge.responder.ImageArchive.PatientRecord;

/**
 * The persisted index of a folder archive: a binary file that starts with a magic and a format version, holds
 * the folder it describes and every {@link FileEntry}, its strings kept once in a table, and ends with a CRC-32C
 * of all that precedes it (big-endian). The checksum is checked before anything is read. A file with another
 * magic, version or folder, a bad checksum or any inconsistency is not trusted: the reader says why, and the
 * folder is indexed again. Writing goes to a temporary file that is
 * forced to disk and then moved over the old one, so a crash leaves the old index or the new one, never half.
 */
final class IndexFile {
  private IndexFile() {}

  static final int VERSION = 1;
  private static final byte[] MAGIC = "XCAIFIDX".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_STRING_BYTES = 1 << 20;
  private static final int HEADER_STRINGS = 20;
  /** An index of ten million files stays far below this. */
  static final long MAX_INDEX_BYTES = 2_000_000_000L;

  /** What reading gave: the entries, or null and why the index cannot be used. */
  record Loaded(List<FileEntry> entries, String problem) {}

  static void write(Path file, String root, Collection<FileEntry> entries) throws IOException {
    assert Workers.notOnEventLoop("writing the index");
    Map<String, Integer> table = new HashMap<>();
    List<String> strings = new ArrayList<>();
    strings.add(null); // reference 0 is null
    for (FileEntry e : entries) {
      intern(e.path(), table, strings);
      intern(e.rejection(), table, strings);
      if (e.header() != null) {
        for (String s : strings(e.header())) {
          intern(s, table, strings);
        }
      }
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      OutputStream raw = Channels.newOutputStream(ch);
      CRC32C crc = new CRC32C();
      DataOutputStream out = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 16), crc));
      out.write(MAGIC);
      out.writeInt(VERSION);
      writeString(out, root);
      out.writeInt(strings.size());
      for (int i = 1; i < strings.size(); i++) {
        writeString(out, strings.get(i));
      }
      out.writeInt(entries.size());
      for (FileEntry e : entries) {
        varint(out, table.get(e.path()));
        out.writeLong(e.size());
        out.writeLong(e.modifiedNanos());
        if (e.header() == null) {
          out.writeByte(0);
          varint(out, table.get(e.rejection()));
        } else {
          out.writeByte(1);
          for (String s : strings(e.header())) {
            varint(out, s == null ? 0 : table.get(s));
          }
          writeNumber(out, e.header().series().number());
          writeNumber(out, e.header().instance().instanceNumber());
        }
      }
      out.flush();
      long sum = crc.getValue();
      DataOutputStream tail = new DataOutputStream(raw);
      tail.writeLong(sum);
      tail.flush();
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static Loaded read(Path file, String root) {
    assert Workers.notOnEventLoop("reading the index");
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_INDEX_BYTES) {
        return new Loaded(null, "index is larger than " + MAX_INDEX_BYTES + " bytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new Loaded(null, "no index yet");
    } catch (IOException e) {
      return new Loaded(null, "index cannot be read: " + e.getMessage());
    }
    return parse(bytes, root);
  }

  /** Checks, then reads, the bytes of an index: nothing of a file whose checksum fails is believed. */
  static Loaded parse(byte[] bytes, String root) {
    int n = bytes.length;
    if (n < MAGIC.length + 4 + 8) {
      return new Loaded(null, "index is truncated (" + n + " bytes)");
    }
    if (!Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      return new Loaded(null, "not an index file (wrong magic)");
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, n - 8);
    if (ByteBuffer.wrap(bytes, n - 8, 8).getLong() != crc.getValue()) {
      return new Loaded(null, "index checksum does not match: the file is damaged or cut short");
    }
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes, MAGIC.length, n - 8 - MAGIC.length).slice();
      int version = in.getInt();
      if (version != VERSION) {
        return new Loaded(null, "index has format version " + version + ", this build writes " + VERSION);
      }
      String indexedRoot = readString(in);
      if (!root.equals(indexedRoot)) {
        return new Loaded(null, "index describes another folder");
      }
      List<FileEntry> entries = readEntries(in, n);
      if (in.hasRemaining()) {
        return new Loaded(null, "index has bytes after its last entry");
      }
      return new Loaded(entries, null);
    } catch (BufferUnderflowException e) {
      return new Loaded(null, "index is truncated");
    } catch (RuntimeException e) {
      return new Loaded(null, "index is damaged: " + e.getMessage());
    }
  }

  private static List<FileEntry> readEntries(ByteBuffer in, long length) {
    int count = in.getInt();
    if (count < 1 || count > length) {
      throw inconsistent("string count " + count);
    }
    String[] table = new String[count];
    for (int i = 1; i < count; i++) {
      table[i] = readString(in);
    }
    int n = in.getInt();
    if (n < 0 || n > length / 18) {
      throw inconsistent("entry count " + n);
    }
    List<FileEntry> entries = new ArrayList<>(n);
    String[] fields = new String[HEADER_STRINGS];
    for (int i = 0; i < n; i++) {
      String path = ref(in, table);
      check(path != null, "entry without a path");
      long size = in.getLong();
      long modified = in.getLong();
      int kind = in.get() & 0xFF;
      if (kind == 0) {
        String reason = ref(in, table);
        check(reason != null, "rejected entry without a reason");
        entries.add(new FileEntry(path, size, modified, null, reason));
      } else {
        if (kind != 1) {
          throw inconsistent("entry kind " + kind);
        }
        for (int f = 0; f < HEADER_STRINGS; f++) {
          fields[f] = ref(in, table);
        }
        Integer seriesNumber = readNumber(in);
        Integer instanceNumber = readNumber(in);
        entries.add(new FileEntry(path, size, modified, header(fields, seriesNumber, instanceNumber, size), null));
      }
    }
    return entries;
  }

  /** The text fields of a header, in the file's order (numbers are written apart). */
  private static String[] strings(InstanceHeader h) {
    PatientRecord p = h.patient();
    InstanceHeader.StudyAttributes st = h.study();
    InstanceHeader.SeriesAttributes se = h.series();
    InstanceRecord i = h.instance();
    return new String[] {p.id(), p.issuer(), p.name(), p.birthDate(), p.sex(), st.uid(), st.date(), st.time(),
        st.accessionNumber(), st.description(), st.referringPhysicianName(), st.studyId(), se.uid(), se.modality(),
        se.description(), se.date(), se.time(), i.sopClassUid(), i.sopInstanceUid(), i.transferSyntaxUid()};
  }

  private static InstanceHeader header(String[] f, Integer seriesNumber, Integer instanceNumber, long size) {
    check(f[0] != null && f[5] != null && f[12] != null && f[17] != null && f[18] != null, "header without its UIDs");
    return new InstanceHeader(new PatientRecord(f[0], f[1], f[2], f[3], f[4]),
        new InstanceHeader.StudyAttributes(f[5], f[6], f[7], f[8], f[9], f[10], f[11]),
        new InstanceHeader.SeriesAttributes(f[12], f[13], seriesNumber, f[14], f[15], f[16]),
        new InstanceRecord(f[5], f[12], f[17], f[18], instanceNumber, f[19], size));
  }

  private static void intern(String s, Map<String, Integer> table, List<String> strings) {
    if (s != null && !table.containsKey(s)) {
      table.put(s, strings.size());
      strings.add(s);
    }
  }

  /** Checks a condition; the message is a constant so that checking costs nothing on the hot path. */
  private static void check(boolean ok, String what) {
    if (!ok) {
      throw inconsistent(what);
    }
  }

  private static IllegalStateException inconsistent(String what) {
    return new IllegalStateException("inconsistent index: " + what);
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    varint(out, b.length);
    out.write(b);
  }

  private static String readString(ByteBuffer in) {
    int n = readVarint(in);
    if (n > MAX_STRING_BYTES || n > in.remaining()) {
      throw inconsistent("string of " + n + " bytes");
    }
    String s = new String(in.array(), in.arrayOffset() + in.position(), n, StandardCharsets.UTF_8);
    in.position(in.position() + n);
    return s;
  }

  private static String ref(ByteBuffer in, String[] table) {
    int r = readVarint(in);
    if (r >= table.length) {
      throw inconsistent("string reference " + r);
    }
    return table[r];
  }

  private static void writeNumber(DataOutputStream out, Integer n) throws IOException {
    out.writeBoolean(n != null);
    if (n != null) {
      out.writeInt(n);
    }
  }

  private static Integer readNumber(ByteBuffer in) {
    byte present = in.get();
    if (present != 0 && present != 1) {
      throw inconsistent("number flag " + present);
    }
    return present == 1 ? in.getInt() : null;
  }

  private static void varint(DataOutputStream out, int v) throws IOException {
    while ((v & ~0x7F) != 0) {
      out.writeByte((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.writeByte(v);
  }

  private static int readVarint(ByteBuffer in) {
    int v = 0;
    for (int shift = 0; shift < 32; shift += 7) {
      int b = in.get() & 0xFF;
      v |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        check(v >= 0, "negative varint");
        return v;
      }
    }
    throw new IllegalStateException("inconsistent index: varint too long");
  }
}
