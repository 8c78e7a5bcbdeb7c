package org.xcaibridge.gateway;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.xcaibridge.soap.DirectChunks;

/**
 * Test glue for gateway tests (here and in the interop package): a Vert.x instance whose event loop runs the
 * client calls, futures awaited with a bound, and RAD-75 retrievals read to the end with every instance hashed
 * as it streams (never held).
 */
public final class GatewayHarness implements AutoCloseable {
  public static final String HOME = "urn:oid:1.3.6.1.4.1.21367.13.70.201";

  public final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final List<CommunityClient> clients = new ArrayList<>();

  /** A client for a community whose every endpoint is {@code base} + the transaction's path. */
  public CommunityClient client(String base, CommunitySettings settings) {
    return client(endpoints("Test community", HOME, base), settings);
  }

  public CommunityClient client(CommunityEndpoints endpoints, CommunitySettings settings) {
    CommunityClient c = CommunityClient.create(vertx, endpoints, settings, InitiatorSetup.demo());
    clients.add(c);
    return c;
  }

  /** Endpoints {@code base}/iti55, /iti38, /iti39, /rad75. */
  public static CommunityEndpoints endpoints(String name, String home, String base) {
    return CommunityEndpoints.of(home, name, URI.create(base + "/iti55"), URI.create(base + "/iti38"),
        URI.create(base + "/iti39"), URI.create(base + "/rad75"));
  }

  /** Short timeouts so that timeout tests run in well under a second each. */
  public static CommunitySettings quick(int idleMillis, int firstByteMillis) {
    return CommunitySettings.DEFAULT.withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(firstByteMillis),
        Duration.ofMillis(idleMillis), Duration.ofSeconds(30));
  }

  /** Runs {@code call} on the harness's event loop and waits for its result. */
  public <T> T await(Supplier<Future<T>> call) throws Exception {
    return get(onLoop(call));
  }

  /** Runs {@code call} on the event loop and waits for its failure. */
  public Throwable failure(Supplier<Future<?>> call) throws Exception {
    try {
      get(onLoop(call));
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      return e;
    }
    throw new AssertionError("the call succeeded but should have failed");
  }

  /** Starts {@code call} on the event loop. */
  public <T> Future<T> onLoop(Supplier<? extends Future<? extends T>> call) {
    Promise<T> p = Promise.promise();
    context.runOnContext(v -> {
      try {
        call.get().onComplete(ar -> {
          if (ar.succeeded()) {
            p.complete(ar.result());
          } else {
            p.fail(ar.cause());
          }
        });
      } catch (RuntimeException e) {
        p.fail(e);
      }
    });
    return p.future();
  }

  public static <T> T get(Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw new ExecutionException(cause.getMessage(), cause);
      }
      throw e;
    } catch (TimeoutException e) {
      throw new AssertionError("no result within 60 s", e);
    }
  }

  public static void until(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(5);
    }
  }

  /**
   * One instance as it arrived: id, mime type, bytes, SHA-256, or how its stream failed; its largest piece, and how
   * many of its pieces were direct memory (each released once hashed, as a consumer must).
   */
  public record Received(String documentUniqueId, String mimeType, long size, String sha256, Throwable failure,
      int largestPiece, int directPieces) {}

  /** A whole retrieval read: the instances, how the stream ended, the outcome if it ended well. */
  public record Collected(List<Received> instances, Throwable streamFailure, RetrievalOutcome outcome) {}

  /** Reads a retrieval to its end on the event loop, hashing each instance as it streams. */
  public Collected collect(ImagingRetrieval retrieval) throws Exception {
    Promise<Collected> done = Promise.promise();
    List<Received> instances = new ArrayList<>();
    context.runOnContext(v -> {
      retrieval.handler(instance -> {
        MessageDigest sha = sha256();
        long[] size = {0};
        int[] largest = {0};
        int[] direct = {0};
        instance.body().handler(b -> {
          sha.update(b.getBytes());
          size[0] += b.length();
          largest[0] = Math.max(largest[0], b.length());
          if (DirectChunks.direct(b) != null) {
            direct[0]++;
            DirectChunks.release(b);
          }
        });
        instance.body().exceptionHandler(e -> instances.add(new Received(instance.documentUniqueId(),
            instance.response().mimeType(), size[0], null, e, largest[0], direct[0])));
        instance.body().endHandler(x -> instances.add(new Received(instance.documentUniqueId(),
            instance.response().mimeType(), size[0], HexFormat.of().formatHex(sha.digest()), null, largest[0],
            direct[0])));
      });
      retrieval.outcome().onComplete(ar -> done.complete(new Collected(List.copyOf(instances),
          ar.failed() ? ar.cause() : null, ar.succeeded() ? ar.result() : null)));
    });
    return get(done.future());
  }

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  @Override
  public void close() throws Exception {
    for (CommunityClient c : clients) {
      get(onLoop(c::close));
    }
    get(vertx.close());
  }
}
