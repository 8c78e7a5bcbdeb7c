package org.xcaibridge.ops;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import org.xcaibridge.trust.AuditTrail;
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

  /** Tenths of the spool limit from which the audit spool makes the bridge unready: records would soon be refused. */
  static final int AUDIT_SPOOL_HIGH_WATER_TENTHS = 9;

  /**
   * Up while the audit spool holds less than {@value #AUDIT_SPOOL_HIGH_WATER_TENTHS} tenths of its limit: past that the
   * repository has been away long enough that audited work would soon be refused or its records dropped.
   */
  static Health.Check auditSpool(AuditTrail.Stats stats, long maxSpoolBytes) {
    String detail = stats.pending() + " records waiting, " + stats.spoolBytes() + " of " + maxSpoolBytes
        + " spool bytes";
    return stats.spoolBytes() * 10 < AUDIT_SPOOL_HIGH_WATER_TENTHS * maxSpoolBytes ? Health.Check.up("auditSpool", detail)
        : Health.Check.down("auditSpool", detail + ": the audit record repository is not taking records");
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
