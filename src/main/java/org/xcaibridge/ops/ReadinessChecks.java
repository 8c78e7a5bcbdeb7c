package org.xcaibridge.ops;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import org.xcaibridge.trust.TlsExpiryFinding;
import org.xcaibridge.trust.TlsSetup;

/** The readiness checks that look at the machine: TLS material and the cache directory. */
final class ReadinessChecks {
  private ReadinessChecks() {}

  /** Up when the stores are loaded and no certificate has expired, is not yet valid, or expires within the margin. */
  static Health.ReadinessCheck tls(TlsReloader tls, Clock clock) {
    return new Health.ReadinessCheck() {
      @Override
      public String name() {
        return "tls";
      }

      @Override
      public Future<Health.Check> check() {
        TlsSetup setup = tls.current();
        List<TlsExpiryFinding> findings = setup.expiryFindings(clock);
        String reload = tls.lastProblem() == null ? "" : "; last reload: " + tls.lastProblem();
        if (!findings.isEmpty()) {
          return Future.succeededFuture(Health.Check.down(name(), findings.stream().map(TlsExpiryFinding::message)
              .collect(Collectors.joining("; ")) + reload));
        }
        return Future.succeededFuture(Health.Check.up(name(), "certificate "
            + setup.certificateChain().get(0).getSubjectX500Principal().getName() + " valid until "
            + setup.certificateChain().get(0).getNotAfter().toInstant() + ", " + setup.trustAnchors().size()
            + " trusted certificates from " + tls.config().directory() + reload));
      }
    };
  }

  /** Up when a file can be created, written, synced and deleted in the directory (on a worker). */
  static Health.ReadinessCheck writable(Vertx vertx, String name, Path dir) {
    return new Health.ReadinessCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Future<Health.Check> check() {
        return vertx.executeBlocking(() -> {
          Path probe = Files.createTempFile(dir, ".ready-", ".probe");
          try {
            Files.write(probe, new byte[] {1}, java.nio.file.StandardOpenOption.SYNC);
          } finally {
            Files.deleteIfExists(probe);
          }
          return Health.Check.up(name, dir + " takes writes (" + Files.getFileStore(dir).getUsableSpace() / (1 << 20)
              + " MiB free)");
        }, false).recover(e -> Future.succeededFuture(Health.Check.down(name, dir + " cannot be written: " + e)));
      }
    };
  }
}
