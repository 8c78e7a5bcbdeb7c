package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Runs frames_oracle.py (pydicom) over files and reads its answer; plus the helpers frames tests share. */
final class PydicomFrameOracle {
  private PydicomFrameOracle() {}

  /** What pydicom says about one file; {@code frames} are "length:sha256" strings, see {@link #digest}. */
  record Answer(String status, boolean encapsulated, boolean crossChecked, List<String> frames, String error) {}

  static Map<String, Answer> run(List<Path> files) throws IOException {
    String stdin = files.stream().map(Path::toString).collect(Collectors.joining("\n", "", "\n"));
    ExternalTools.Result r = ExternalTools.run(List.of(ExternalTools.PYTHON, "-c", script()),
        stdin.getBytes(StandardCharsets.UTF_8), 600);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    Map<String, Answer> out = new LinkedHashMap<>();
    for (String line : r.out().split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      boolean ok = f[1].equals("ok");
      out.put(f[0], new Answer(f[1], f[2].equals("encapsulated"), f[3].equals("checked"),
          ok ? Arrays.asList(f).subList(4, f.length) : List.of(), ok ? null : f[f.length - 1]));
    }
    return out;
  }

  /** pydicom's frames of one file, which it must be able to cut. */
  static List<String> frames(Path file) throws IOException {
    Answer a = run(List.of(file)).get(file.toString());
    assertThat(a.status()).as("pydicom on %s: %s", file, a.error()).isEqualTo("ok");
    return a.frames();
  }

  private static String script() throws IOException {
    try (InputStream in = PydicomFrameOracle.class.getResourceAsStream("frames_oracle.py")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static String digest(byte[] frame) {
    try {
      return frame.length + ":" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(frame));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads from a file as a cache would; at the end of the file it returns what is there, and the codec must notice. */
  static RangeReader reader(RandomAccessFile raf) {
    return (offset, length) -> {
      raf.seek(offset);
      byte[] b = new byte[(int) Math.max(0, Math.min(length, raf.length() - offset))];
      raf.readFully(b);
      return b;
    };
  }

  /** A source over bytes in memory, with the same end-of-data behaviour. */
  static RangeReader reader(byte[] source) {
    return (offset, length) -> Arrays.copyOfRange(source, (int) Math.min(source.length, offset),
        (int) Math.min(source.length, offset + length));
  }
}
