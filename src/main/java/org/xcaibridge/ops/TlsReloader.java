package org.xcaibridge.ops;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xcaibridge.trust.TlsConfigException;
import org.xcaibridge.trust.TlsSetup;

/**
 * The TLS material of {@link TlsConfig}, kept current: every {@code reloadInterval} the three files' modification
 * times and SHA-256 are read on a worker (a Kubernetes Secret update swaps a symlink, so content is what counts);
 * when they changed, the files are loaded again and every listener gets the new {@link TlsSetup} — the HTTP
 * clients call {@code updateSSLOptions}, so new connections present the new certificate without a restart. A
 * load that fails (half-written files, a key that does not match) keeps the last good setup and is logged; the
 * next poll tries again.
 */
final class TlsReloader {
  private static final Logger LOG = LoggerFactory.getLogger(TlsReloader.class);

  private final Vertx vertx;
  private final TlsConfig config;
  private final Duration expiryWarning;
  private final List<Consumer<TlsSetup>> listeners = new CopyOnWriteArrayList<>();
  private volatile TlsSetup current;
  private volatile String fingerprint;
  private volatile String lastProblem;
  private long timer = -1;

  private TlsReloader(Vertx vertx, TlsConfig config, Duration expiryWarning) {
    this.vertx = vertx;
    this.config = config;
    this.expiryWarning = expiryWarning;
  }

  /** Loads the files once (failing the start when they are unusable), then polls. */
  static Future<TlsReloader> start(Vertx vertx, TlsConfig config, Duration expiryWarning) {
    TlsReloader r = new TlsReloader(vertx, config, expiryWarning);
    return vertx.executeBlocking(() -> {
      String print = r.fingerprint();
      r.current = TlsSetup.load(config.settings(expiryWarning));
      r.fingerprint = print;
      return r;
    }, false).onSuccess(x -> r.schedule());
  }

  /** The setup in force now. */
  TlsSetup current() {
    return current;
  }

  /** Why the last reload failed, or null when it did not. */
  String lastProblem() {
    return lastProblem;
  }

  TlsConfig config() {
    return config;
  }

  /** Called, on a worker thread, with each new setup after it has replaced the current one. */
  void onChange(Consumer<TlsSetup> listener) {
    listeners.add(listener);
  }

  /** Checks the files now (what the timer does); completes with true when a new setup was taken. */
  Future<Boolean> poll() {
    return vertx.executeBlocking(() -> {
      String print;
      try {
        print = fingerprint();
      } catch (IOException e) {
        return problem("cannot read the TLS files in " + config.directory() + ": " + e);
      }
      if (print.equals(fingerprint)) {
        return false;
      }
      TlsSetup loaded;
      try {
        loaded = TlsSetup.load(config.settings(expiryWarning));
      } catch (TlsConfigException | IllegalArgumentException e) {
        // a Secret being updated may show a new certificate beside the old key for a moment: try next time
        return problem("the TLS files in " + config.directory() + " changed but cannot be used, keeping the "
            + "previous ones: " + e.getMessage());
      }
      current = loaded;
      fingerprint = print;
      lastProblem = null;
      LOG.info("TLS files in {} changed: loaded certificate {} (valid until {}); new connections use it",
          config.directory(), loaded.certificateChain().get(0).getSubjectX500Principal().getName(),
          loaded.certificateChain().get(0).getNotAfter().toInstant());
      for (Consumer<TlsSetup> l : listeners) {
        try {
          l.accept(loaded);
        } catch (RuntimeException e) {
          LOG.warn("a TLS listener failed to take the new certificate: {}", e.toString());
        }
      }
      return true;
    }, false);
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private boolean problem(String message) {
    if (!message.equals(lastProblem)) {
      LOG.warn(message);
    }
    lastProblem = message;
    return false;
  }

  private void schedule() {
    timer = vertx.setTimer(config.reloadInterval().toMillis(), t -> poll().onComplete(ar -> {
      if (timer >= 0) {
        schedule();
      }
    }));
  }

  /** Modification time and content hash of the three files, symlinks followed. */
  private String fingerprint() throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    StringBuilder times = new StringBuilder();
    for (Path p : List.of(config.certificateFile(), config.privateKeyFile(), config.trustedFile())) {
      times.append(Files.getLastModifiedTime(p).toMillis()).append(';');
      sha.update(Files.readAllBytes(p));
      sha.update((byte) 0);
    }
    return times + HexFormat.of().formatHex(sha.digest());
  }
}
