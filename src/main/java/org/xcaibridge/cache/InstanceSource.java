package org.xcaibridge.cache;

import io.vertx.core.buffer.Buffer;

/**
 * Where an {@link InstanceStream}'s bytes come from: a complete entry of fixed length ({@link #fixed}), or a download
 * that grows ({@link InstanceFlight}), some of it still in memory.
 */
interface InstanceSource {
  /** Bytes that can be read now. */
  long available();

  /** True when {@link #available()} is final. */
  boolean complete();

  /** Non-null when the bytes will never be complete. */
  Throwable failure();

  /** Runs {@code wake} once, soon after {@link #available()} exceeds {@code seen} or the download ends. */
  void await(long seen, Runnable wake);

  /** Bytes that have arrived, in the file or not yet ({@link #unwritten}): at least {@link #available()}. */
  default long arrived() {
    return available();
  }

  /**
   * Up to {@code max} bytes from {@code position} (not below {@link #available()}) that have arrived but are not
   * in the file yet, or null when there are none (not yet arrived, or written meanwhile: then read the file).
   */
  default Buffer unwritten(long position, int max) {
    return null;
  }

  /**
   * As {@link #unwritten}, but the rest of the one piece that holds {@code position}, never a copy; where that is
   * direct memory, the piece holds a reference of its own: release it once written ({@link DirectPieces}).
   */
  default Buffer unwrittenPiece(long position) {
    return null;
  }

  /**
   * The first {@code n} bytes when they are kept in memory (a download keeps its first {@link #KEPT_HEAD_BYTES} once
   * they have arrived), else null: then read the file.
   */
  default Buffer keptHead(int n) {
    return null;
  }

  /**
   * What a download keeps of its start in memory: enough for a File Meta Information (a few hundred bytes), which the
   * front reads to learn an instance's transfer syntax before it sends the instance, so that this costs no read of a
   * file the download has already written.
   */
  int KEPT_HEAD_BYTES = 4 << 10;

  /** Runs {@code wake} once, soon after {@link #arrived()} exceeds {@code seen} or the download ends. */
  default void awaitReceived(long seen, Runnable wake) {
    await(seen, wake);
  }

  /** A complete entry's bytes: all {@code length} of them in the file. */
  static InstanceSource fixed(long length) {
    return new InstanceSource() {
      public long available() {
        return length;
      }

      public boolean complete() {
        return true;
      }

      public Throwable failure() {
        return null;
      }

      public void await(long seen, Runnable wake) {
        wake.run();
      }
    };
  }
}
