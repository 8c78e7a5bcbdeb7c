package org.xcaibridge.ops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the bridge's instance cache holds on disk, read from the files alone (the layout of {@code cache.StoreCore}
 * and {@code cache.EntryFile}, not through the store): {@code .lock}, downloads in {@code tmp/}, complete entries
 * as {@code entries/<2 hex>/<key stem>-<random>.xce} — the Part 10 bytes, then summary, frame table and a 32-byte
 * footer that starts with {@code XCAICE01} and the Part 10 length. Anything else found is listed as stray.
 */
final class CacheOnDisk {
  private static final byte[] MAGIC = "XCAICE01".getBytes(StandardCharsets.US_ASCII);
  private static final int FOOTER = 32;

  /** An entry file: the key stem its name carries, the Part 10 length its footer gives, those bytes' SHA-256. */
  record Entry(Path file, String stem, long part10Length, String sha256) {}

  /** @param temporary files in {@code tmp/} or ending in {@code .tmp}; @param stray files of no known kind */
  record Contents(List<Entry> entries, List<Path> temporary, List<Path> stray) {}

  private CacheOnDisk() {}

  static Contents read(Path cacheDir) throws IOException {
    List<Entry> entries = new ArrayList<>();
    List<Path> temporary = new ArrayList<>();
    List<Path> stray = new ArrayList<>();
    if (!Files.isDirectory(cacheDir)) {
      return new Contents(entries, temporary, stray);
    }
    try (Stream<Path> files = Files.walk(cacheDir)) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        Path rel = cacheDir.relativize(p);
        String name = p.getFileName().toString();
        if (rel.toString().equals(".lock")) {
          continue;
        }
        if (rel.startsWith("tmp") || name.endsWith(".tmp")) {
          temporary.add(rel);
        } else if (rel.getNameCount() == 3 && rel.startsWith("entries") && name.endsWith(".xce")) {
          entries.add(entry(p, name));
        } else {
          stray.add(rel);
        }
      }
    }
    return new Contents(entries, temporary, stray);
  }

  /** The key stem the store names an instance's entry after: 16 bytes of SHA-256 over study/series/SOP UIDs. */
  static String stem(String study, String series, String sop) {
    byte[] h = StreamedMultipart.sha256().digest((study + '/' + series + '/' + sop)
        .getBytes(StandardCharsets.US_ASCII));
    return HexFormat.of().formatHex(h, 0, 16);
  }

  private static Entry entry(Path p, String name) throws IOException {
    long part10;
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < FOOTER) {
        return new Entry(p, stemOf(name), -1, "shorter than a footer");
      }
      ByteBuffer footer = ByteBuffer.allocate(FOOTER).order(ByteOrder.LITTLE_ENDIAN);
      ch.read(footer, size - FOOTER);
      byte[] magic = new byte[MAGIC.length];
      footer.flip().get(magic);
      if (!java.util.Arrays.equals(magic, MAGIC)) {
        return new Entry(p, stemOf(name), -1, "no footer");
      }
      part10 = footer.getLong();
      if (part10 < 0 || part10 > size - FOOTER) {
        return new Entry(p, stemOf(name), -1, "footer length " + part10 + " beyond the file");
      }
    }
    MessageDigest sha = StreamedMultipart.sha256();
    try (InputStream in = Files.newInputStream(p)) {
      byte[] chunk = new byte[1 << 16];
      long left = part10;
      while (left > 0) {
        int n = in.read(chunk, 0, (int) Math.min(chunk.length, left));
        if (n < 0) {
          break;
        }
        sha.update(chunk, 0, n);
        left -= n;
      }
    }
    return new Entry(p, stemOf(name), part10, HexFormat.of().formatHex(sha.digest()));
  }

  private static String stemOf(String name) {
    int dash = name.indexOf('-');
    return dash < 0 ? name : name.substring(0, dash);
  }
}
