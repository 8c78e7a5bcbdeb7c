package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Stream;
import org.xcaibridge.dicom.DicomReader;
import org.xcaibridge.dicom.ReadOptions;
import org.xcaibridge.dicom.Tag;

/**
 * A folder written by {@code generate --size-mb} (one CT study of one patient) for tests that start the bridge with
 * {@code --data}, and that patient's ID for their queries; {@link #startSecureBridge} is the secure demo over it.
 */
record DemoSet(Path folder, String patientId) {
  /** Runs {@code generate --out folder --size-mb mib}; a failure shows what it wrote to stderr. */
  static DemoSet generate(Path folder, int mib) throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = GenerateCommand.run(new String[] {"--out", folder.toString(), "--size-mb", Integer.toString(mib)},
        new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true));
    assertThat(code).as("generate: %s", err).isZero();
    try (Stream<Path> s = Files.walk(folder)) {
      Path first = s.filter(p -> p.toString().endsWith(".dcm")).sorted().findFirst().orElseThrow();
      try (SeekableByteChannel ch = Files.newByteChannel(first)) {
        return new DemoSet(folder, DicomReader.read(ch, ReadOptions.HEADERS).dataset().string(Tag.PatientID));
      }
    }
  }

  /** {@code serve --secure} as the bridge over this folder, on free ports, in {@code work}, with {@code env}. */
  Future<Launcher.Running> startSecureBridge(Vertx vertx, Path work, Map<String, String> env) throws Exception {
    return ServeCommand.start(vertx, LaunchOptions.Mode.BRIDGE, new String[] {"--secure", "--data", folder.toString(),
        "--port", "0", "--responder-port", "0", "--work-dir", work.toString()}, env, Clock.systemUTC());
  }
}
