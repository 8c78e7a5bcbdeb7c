package org.xcaibridge.studies;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.xcaibridge.dicom.ExternalTools;
import org.xcaibridge.dicom.Fixtures;
import org.xcaibridge.gateway.GatewayHarness;

/**
 * The transfer syntax learnt from the first bytes of a Part 10 instance (a pure piece): for every file of the shared
 * corpus it is the one pydicom reads from the file's meta information (none for a file without it), and no more of
 * the file is looked at than needed: 4 KiB for an ordinary meta information, never more than 64 KiB.
 */
class Part10PeekReadsTheSyntaxTest {
  private static final GatewayHarness HARNESS = new GatewayHarness();

  @AfterAll
  static void stop() throws Exception {
    HARNESS.close();
  }

  @Test
  void everyFileOfTheCorpus() throws Exception {
    ExternalTools.requirePydicom();
    List<Path> files = Fixtures.files(Fixtures.sharedDicom());
    StringBuilder in = new StringBuilder();
    files.forEach(f -> in.append(f).append('\n'));
    String script = String.join("\n", "import sys, pydicom",
        "for line in sys.stdin:",
        "  ds = pydicom.dcmread(line.strip(), force=True, stop_before_pixels=True)",
        "  meta = getattr(ds, 'file_meta', None)",
        "  print(str(meta.TransferSyntaxUID) if meta is not None and 'TransferSyntaxUID' in meta else '-')");
    ExternalTools.Result r = ExternalTools.run(List.of(ExternalTools.PYTHON, "-c", script),
        in.toString().getBytes(StandardCharsets.UTF_8), 120);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    String[] expected = r.out().split("\n");
    assertThat(expected).hasSameSizeAs(files.toArray());
    int withMeta = 0;
    for (int i = 0; i < files.size(); i++) {
      byte[] bytes = Files.readAllBytes(files.get(i));
      String want = expected[i].strip().equals("-") ? null : expected[i].strip();
      List<Integer> asked = new ArrayList<>();
      String got = HARNESS.await(() -> Part10Peek.syntaxOf(n -> {
        asked.add(n);
        return Future.succeededFuture(Buffer.buffer(Arrays.copyOf(bytes, Math.min(n, bytes.length))));
      }));
      assertThat(got).as("%s", files.get(i)).isEqualTo(want);
      assertThat(asked).as("%s: bytes looked at", files.get(i)).allMatch(n -> n <= Part10Peek.MAX_PEEK_BYTES);
      if (want != null) {
        withMeta++;
        assertThat(asked).as("%s: bytes looked at", files.get(i)).containsExactly(4096);
      }
    }
    assertThat(withMeta).as("files with a meta information").isGreaterThan(files.size() / 2);
  }

  @Test
  void aLongMetaInformationIsLookedAtFurther() throws Exception {
    // a meta information whose (0002,0001) File Meta Information Version (OB) is 10 000 bytes long, before the syntax
    Buffer meta = Buffer.buffer(new byte[128]).appendString("DICM");
    byte[] big = new byte[10_000];
    meta.appendBytes(new byte[] {2, 0, 1, 0, 'O', 'B', 0, 0}).appendIntLE(big.length).appendBytes(big);
    byte[] uid = "1.2.840.10008.1.2.1\0".getBytes(StandardCharsets.US_ASCII);
    meta.appendBytes(new byte[] {2, 0, 0x10, 0, 'U', 'I'}).appendShortLE((short) uid.length).appendBytes(uid);
    meta.appendBytes(new byte[] {8, 0, 0x16, 0, 'U', 'I', 2, 0, '1', 0});
    byte[] bytes = meta.getBytes();
    List<Integer> asked = new ArrayList<>();
    String got = HARNESS.await(() -> Part10Peek.syntaxOf(n -> {
      asked.add(n);
      return Future.succeededFuture(Buffer.buffer(Arrays.copyOf(bytes, Math.min(n, bytes.length))));
    }));
    assertThat(got).isEqualTo("1.2.840.10008.1.2.1");
    assertThat(asked).containsExactly(4096, 8192, 16384);
  }
}
