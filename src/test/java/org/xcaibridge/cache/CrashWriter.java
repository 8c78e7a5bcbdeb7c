package org.xcaibridge.cache;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;

/**
 * The child process of {@link CrashSafetyTest}: stores 4–8 MiB instances of study 7 one after the other
 * from a paced upstream, forever, printing "started N" and "committed N" lines, until it is killed.
 */
public final class CrashWriter {
  private CrashWriter() {}

  static Synthetic.Instance instance(int n) {
    return Synthetic.instance(Synthetic.key(7, 1, n), 256, 256, 64 + (n * 37) % 64);
  }

  public static void main(String[] args) {
    Vertx vertx = Vertx.vertx();
    InstanceStore store = Await.result(InstanceStore.open(vertx, CacheSettings.of(Path.of(args[0]), 1L << 30)));
    int first = Integer.parseInt(args[1]);
    for (int n = first; ; n++) {
      Synthetic.Instance i = instance(n);
      System.out.println("started " + n);
      String sha = Await.result(store.instance(i.key(), () -> Future.succeededFuture(i.stream(vertx, 32 << 10, 32 << 10)))
          .compose(Await::sha256));
      System.out.println("committed " + n + " " + sha);
    }
  }
}
