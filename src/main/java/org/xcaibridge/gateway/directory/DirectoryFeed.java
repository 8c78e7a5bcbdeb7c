package org.xcaibridge.gateway.directory;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory kept current: read at start and every {@code refresh}; each good read that differs replaces the
 * snapshot and is handed to the listeners, each bad one (unreachable, too large, not a Bundle, nobody usable) keeps the last
 * good snapshot, is logged with its reason and remembered ({@link #lastProblem}) for the readiness report.
 */
public final class DirectoryFeed {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryFeed.class);

  private final Vertx vertx;
  private final DirectorySource source;
  private final Duration refresh;
  private final long maxBytes;
  private final Clock clock;
  private final List<Consumer<DirectorySnapshot>> listeners = new CopyOnWriteArrayList<>();
  private volatile DirectorySnapshot current;
  private volatile String lastProblem;
  private long timer = -1;
  private volatile boolean stopped;

  public DirectoryFeed(Vertx vertx, DirectorySource source, Duration refresh, long maxBytes, Clock clock) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.source = Objects.requireNonNull(source, "source");
    this.refresh = Objects.requireNonNull(refresh, "refresh");
    if (refresh.toMillis() < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("refresh and maxBytes must be positive");
    }
    this.maxBytes = maxBytes;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Called with every new snapshot, on the feed's Vert.x context. */
  public void onChange(Consumer<DirectorySnapshot> listener) {
    listeners.add(listener);
  }

  /**
   * Reads once and then every {@code refresh}. Completes with the first snapshot, or with null when the first
   * read failed (then the feed keeps trying at each refresh; {@link #lastProblem} says why).
   */
  public Future<DirectorySnapshot> start() {
    return refreshNow().map(ok -> current).onComplete(ar -> schedule());
  }

  /** Reads now; completes with true when the read was good, false when the last good snapshot stays. */
  public Future<Boolean> refreshNow() {
    return source.read(maxBytes).compose(bytes -> {
      try {
        return Future.succeededFuture(FhirDirectoryReader.read(bytes, source.describe(), clock.instant()));
      } catch (DirectoryException e) {
        return Future.failedFuture(e);
      }
    }).transform(ar -> {
      if (ar.failed()) {
        lastProblem = ar.cause().getMessage();
        LOG.warn("community directory: refresh from {} failed, {}: {}", source.describe(),
            current == null ? "no directory yet" : "keeping the one read at " + current.loadedAt(), lastProblem);
        return Future.succeededFuture(false);
      }
      DirectorySnapshot s = ar.result();
      lastProblem = null;
      if (current != null && current.communities().equals(s.communities()) && current.skipped().equals(s.skipped())) {
        // unchanged: the listeners keep what they built, the snapshot its first load time
        return Future.succeededFuture(true);
      }
      current = s;
      LOG.info("community directory: {} communities from {}{}", s.communities().size(), source.describe(),
          s.skipped().isEmpty() ? "" : "; left out: " + String.join("; ", s.skipped()));
      for (Consumer<DirectorySnapshot> l : listeners) {
        try {
          l.accept(s);
        } catch (RuntimeException e) {
          LOG.warn("community directory: a listener failed on the new snapshot: {}", e.toString());
        }
      }
      return Future.succeededFuture(true);
    });
  }

  /** The last good snapshot, or null before the first. */
  public DirectorySnapshot current() {
    return current;
  }

  /** Why the last read failed, or null when it was good. */
  public String lastProblem() {
    return lastProblem;
  }

  public Future<Void> stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    return source.close();
  }

  private void schedule() {
    if (stopped) {
      return;
    }
    timer = vertx.setTimer(refresh.toMillis(), t -> refreshNow().onComplete(ar -> schedule()));
  }
}
