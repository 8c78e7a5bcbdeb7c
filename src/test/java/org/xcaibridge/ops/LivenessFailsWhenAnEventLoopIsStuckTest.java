package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The liveness check reaches every event loop, and names the one stuck in blocking code. */
class LivenessFailsWhenAnEventLoopIsStuckTest {
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx(new VertxOptions().setBlockedThreadCheckInterval(60_000));
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void aStuckLoopFailsLivenessAndIsNamed() throws Exception {
    EventLoopProbe probe = EventLoopProbe.start(vertx, Duration.ofMillis(300)).toCompletionStage()
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    Health health = new Health(probe, Duration.ofMillis(300));
    List<Health.Check> ok = health.live().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(ok).singleElement().satisfies(c -> assertThat(c.up()).as(c.detail()).isTrue());
    assertThat(probe.loops()).isEqualTo(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE);

    Context victim = vertx.getOrCreateContext();
    CountDownLatch stuck = new CountDownLatch(1);
    String[] name = new String[1];
    victim.runOnContext(v -> {
      name[0] = Thread.currentThread().getName();
      stuck.countDown();
      try {
        Thread.sleep(1500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertThat(stuck.await(5, TimeUnit.SECONDS)).isTrue();
    List<Health.Check> down = health.live().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(down).singleElement().satisfies(c -> {
      assertThat(c.up()).isFalse();
      assertThat(c.detail()).contains(name[0]).contains("300 ms");
    });
    Thread.sleep(1600);
    assertThat(health.live().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).get(0).up()).isTrue();
  }
}
