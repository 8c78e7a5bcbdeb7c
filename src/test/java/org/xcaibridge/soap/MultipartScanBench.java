package org.xcaibridge.soap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.xcaibridge.dicom.SyntheticSeries;
import org.xcaibridge.dicom.SyntheticStudies;

/**
 * How fast {@link MultipartParser} gets through MTOM bodies, against a bare scan that looks at every byte (the same
 * word-wise {@link MultipartParser#indexOfLf}, each LF compared with the delimiter: the content scan the parser ran
 * before it skipped by the delimiter), over the same bytes in the same run. Three bodies: generated CT instances as
 * RAD-75 carries them, random bytes (as compressed pixel data looks), and hostile content made of the boundary's last
 * byte with an LF every 4 KiB (the skipping scan's worst case). Fed in 64 KiB chunks, each first copied into a buffer
 * as a socket read and the HTTP client's copy leave it (in cache); the time of those copies alone is measured too and
 * taken off both figures. Medians of the rounds; a ratio above 1 means the parser, callbacks and all, takes less
 * time than the bare every-byte scan.
 *
 * <p>Usage: MultipartScanBench [MiB per body, default 128] [rounds, default 7]
 */
public final class MultipartScanBench {
  private static final String BOUNDARY = "MIMEBoundary_urn_uuid_" + "6a3f0c52-9d1e-4b7a-8c2f-1e5d9b0a7c34";
  private static final int CHUNK = 64 * 1024;
  private static long sink;

  private MultipartScanBench() {}

  public static void main(String[] args) throws Exception {
    int mib = args.length > 0 ? Integer.parseInt(args[0]) : 128;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    System.out.printf(Locale.ROOT, "%d MiB per body, %d rounds, %d KiB chunks; Java %s, %d cores%n", mib, rounds,
        CHUNK >> 10, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
    System.out.printf(Locale.ROOT, "%-44s %10s %12s %12s %8s%n", "body", "copies ms", "parser ms", "LF scan ms",
        "ratio");
    run("CT instances (generated, Explicit VR LE)", body(ctInstances(mib)), rounds);
    run("random bytes", body(random(mib)), rounds);
    run("hostile: the boundary's last byte, LF / 4 KiB", body(hostile(mib)), rounds);
  }

  private static void run(String what, byte[] body, int rounds) {
    List<Double> copies = new ArrayList<>();
    List<Double> parser = new ArrayList<>();
    List<Double> lfScan = new ArrayList<>();
    byte[] chunk = new byte[CHUNK];
    for (int r = 0; r < rounds + 2; r++) { // two untimed rounds first, for the JIT
      long t0 = System.nanoTime();
      for (int off = 0; off < body.length; off += CHUNK) {
        System.arraycopy(body, off, chunk, 0, Math.min(CHUNK, body.length - off));
        sink += chunk[0];
      }
      long t1 = System.nanoTime();
      parse(body, chunk);
      long t2 = System.nanoTime();
      sink += lfScan(body, chunk);
      long t3 = System.nanoTime();
      if (r >= 2) {
        copies.add((t1 - t0) / 1e6);
        parser.add((t2 - t1) / 1e6);
        lfScan.add((t3 - t2) / 1e6);
      }
    }
    double c = median(copies);
    double p = median(parser) - c;
    double l = median(lfScan) - c;
    System.out.printf(Locale.ROOT, "%-44s %10.1f %12.1f %12.1f %7.2f×%n", what, c, p, l, l / p);
  }

  private static void parse(byte[] body, byte[] chunk) {
    MultipartHandler counting = new MultipartHandler() {
      @Override
      public void partStart(MultipartPart part) {}

      @Override
      public void partBody(ByteBuffer slice) {
        sink += slice.remaining();
      }

      @Override
      public void partEnd() {}

      @Override
      public void end() {}
    };
    MultipartParser p = new MultipartParser(BOUNDARY, counting, MtomLimits.DEFAULT);
    for (int off = 0; off < body.length; off += CHUNK) {
      int len = Math.min(CHUNK, body.length - off);
      System.arraycopy(body, off, chunk, 0, len);
      p.feed(chunk, 0, len);
    }
    p.finish();
  }

  /** The old content scan's work: every LF found word-wise, and compared with the delimiter. */
  private static long lfScan(byte[] body, byte[] chunk) {
    byte[] delimiter = ("\n--" + BOUNDARY).getBytes(StandardCharsets.ISO_8859_1);
    long found = 0;
    for (int off = 0; off < body.length; off += CHUNK) {
      int end = Math.min(CHUNK, body.length - off);
      System.arraycopy(body, off, chunk, 0, end);
      for (int lf = MultipartParser.indexOfLf(chunk, 0, end); lf >= 0; lf = MultipartParser.indexOfLf(chunk, lf + 1,
          end)) {
        int cmp = Math.min(end - lf, delimiter.length);
        found += Arrays.equals(chunk, lf, lf + cmp, delimiter, 0, cmp) ? 1 : 0;
      }
    }
    return found;
  }

  private static List<byte[]> ctInstances(int mib) throws Exception {
    SyntheticStudies gen = new SyntheticStudies(new Random(7), Clock.systemUTC());
    SyntheticStudies.Study st = gen.ctOfSize(gen.patient(), (long) mib << 20);
    List<byte[]> parts = new ArrayList<>();
    for (SyntheticSeries series : st.series()) {
      for (int i = 0; i < series.instanceCount(); i++) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SyntheticStudies.write(out, st, series, i);
        parts.add(out.toByteArray());
      }
    }
    return parts;
  }

  private static List<byte[]> random(int mib) {
    byte[] b = new byte[1 << 20];
    List<byte[]> parts = new ArrayList<>();
    Random rnd = new Random(11);
    for (int i = 0; i < mib * 2; i++) {
      rnd.nextBytes(b);
      parts.add(Arrays.copyOf(b, b.length / 2));
    }
    return parts;
  }

  private static List<byte[]> hostile(int mib) {
    byte[] b = new byte[1 << 20];
    Arrays.fill(b, (byte) BOUNDARY.charAt(BOUNDARY.length() - 1));
    for (int i = 0; i < b.length; i += 4096) {
      b[i] = '\n';
    }
    List<byte[]> parts = new ArrayList<>();
    for (int i = 0; i < mib; i++) {
      parts.add(b);
    }
    return parts;
  }

  private static byte[] body(List<byte[]> contents) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("--" + BOUNDARY + "\r\nContent-ID: <root@x>\r\nContent-Type: application/xop+xml\r\n\r\n<r/>")
        .getBytes(StandardCharsets.ISO_8859_1));
    for (int i = 0; i < contents.size(); i++) {
      out.writeBytes(("\r\n--" + BOUNDARY + "\r\nContent-ID: <" + i + "@x>\r\nContent-Type: application/dicom\r\n"
          + "Content-Transfer-Encoding: binary\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.writeBytes(contents.get(i));
    }
    out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
    return out.toByteArray();
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    s.sort(null);
    return s.get(s.size() / 2);
  }
}
