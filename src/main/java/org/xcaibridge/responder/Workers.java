package org.xcaibridge.responder;

import io.vertx.core.Context;

/**
 * The archive's rule that file walks, header and index I/O, grouping and encoding never run on an event loop,
 * checked where that work starts: {@code assert Workers.notOnEventLoop("…")} fails a test (assertions are on
 * there) that reaches such work from an event loop, and costs nothing in production.
 */
final class Workers {
  private Workers() {}

  static boolean notOnEventLoop(String work) {
    if (Context.isOnEventLoopThread()) {
      throw new AssertionError(work + " must run on a worker, not on event loop " + Thread.currentThread().getName());
    }
    return true;
  }
}
