package org.xcaibridge.studies;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Learns an instance's transfer syntax from the first bytes of its Part 10 stream (the File Meta Information's
 * (0002,0010), PS3.10 §7.1) before handing the stream on, so the front can choose a part's media type, or a
 * transcoding, before the first byte goes out. The bytes read meanwhile (a few hundred) are given again at the
 * start of the stream handed on; flow control is the source's.
 */
final class Part10Peek implements ReadStream<Buffer> {
  /** Beyond this, a stream whose meta information has not ended is handed on with its syntax unknown. */
  static final int MAX_PEEK_BYTES = 64 << 10;
  /** Bytes parsed first: a File Meta Information is a few hundred; more are looked at (doubling) when it is longer. */
  private static final int FIRST_LOOK_BYTES = 4 << 10;
  private static final Set<String> LONG_VRS = Set.of("OB", "OW", "OF", "OD", "OL", "OV", "SQ", "UT", "UN", "UC",
      "UR", "SV", "UV");
  private static final int NEED_MORE = -1;

  /** The syntax (null when the stream has no File Meta Information naming it) and the whole stream. */
  record Peeked(String transferSyntaxUid, ReadStream<Buffer> body) {}

  private final ReadStream<Buffer> source;
  private final Handler<Throwable> onFailure;
  private final Context ctx;
  private Buffer prefix;
  private boolean sourceEnded;
  private Throwable sourceFailure;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private long demand = Long.MAX_VALUE;
  private boolean endSignalled;

  private Part10Peek(ReadStream<Buffer> source, Buffer prefix, Context ctx, Handler<Throwable> onFailure) {
    this.onFailure = onFailure;
    this.source = source;
    this.prefix = prefix;
    this.ctx = ctx;
  }

  /** Reads the start of {@code source} (paused afterwards) and completes with its syntax and the whole stream. */
  static Future<Peeked> peek(ReadStream<Buffer> source) {
    return peek(source, e -> { });
  }

  /**
   * As {@link #peek(ReadStream)}; {@code onFailure} also hears of a failure of the stream handed on, before its
   * consumer does (whatever exception handler the consumer sets).
   */
  static Future<Peeked> peek(ReadStream<Buffer> source, Handler<Throwable> onFailure) {
    Context ctx = Vertx.currentContext();
    Promise<Peeked> result = Promise.promise();
    // the chunks as they came, handed on again unchanged; only their first bytes are copied, to be parsed (a
    // first chunk is often a whole read of 256 KiB, and copying it all cost more than the rest of the peek)
    List<Buffer> seen = new ArrayList<>(2);
    long[] total = {0};
    Part10Peek[] made = {null};
    source.exceptionHandler(e -> {
      if (made[0] == null) {
        result.tryFail(e);
      } else {
        made[0].onSourceFailure(e);
      }
    });
    source.endHandler(v -> {
      if (made[0] == null) {
        made[0] = new Part10Peek(source, joined(seen), ctx, onFailure);
        made[0].sourceEnded = true;
        result.tryComplete(new Peeked(syntax(first(seen, (int) total[0])), made[0]));
      } else {
        made[0].onSourceEnd();
      }
    });
    source.handler(chunk -> {
      if (made[0] != null) {
        made[0].onChunk(chunk);
        return;
      }
      seen.add(chunk);
      total[0] += chunk.length();
      int most = (int) Math.min(total[0], MAX_PEEK_BYTES);
      int want = Math.min(most, FIRST_LOOK_BYTES);
      byte[] head = first(seen, want);
      int end = metaEnd(head);
      while (end == NEED_MORE && want < most) {
        want = Math.min(most, want * 2);
        head = first(seen, want);
        end = metaEnd(head);
      }
      if (end != NEED_MORE || total[0] >= MAX_PEEK_BYTES) {
        source.pause();
        made[0] = new Part10Peek(source, joined(seen), ctx, onFailure);
        result.tryComplete(new Peeked(end == NEED_MORE ? null : syntax(head), made[0]));
      }
    });
    return result.future();
  }

  /** The first {@code n} bytes of {@code chunks} (which hold at least that many), copied. */
  private static byte[] first(List<Buffer> chunks, int n) {
    byte[] out = new byte[n];
    int at = 0;
    for (Buffer c : chunks) {
      if (at == n) {
        break;
      }
      int take = Math.min(c.length(), n - at);
      c.getBytes(0, take, out, at);
      at += take;
    }
    return out;
  }

  /** The chunks as one buffer: the one itself when there is one (no copy). */
  private static Buffer joined(List<Buffer> chunks) {
    if (chunks.size() == 1) {
      return chunks.get(0);
    }
    Buffer all = Buffer.buffer();
    chunks.forEach(all::appendBuffer);
    return all;
  }

  /** The syntax the File Meta Information names, or null. */
  static String syntax(byte[] b) {
    if (b.length < 132 || b[128] != 'D' || b[129] != 'I' || b[130] != 'C' || b[131] != 'M') {
      return null;
    }
    int p = 132;
    while (p + 8 <= b.length) {
      int group = u16(b, p);
      int element = u16(b, p + 2);
      if (group != 2) {
        return null;
      }
      String vr = new String(b, p + 4, 2, StandardCharsets.US_ASCII);
      long length;
      int header;
      if (LONG_VRS.contains(vr)) {
        if (p + 12 > b.length) {
          return null;
        }
        length = u16(b, p + 8) | ((long) u16(b, p + 10) << 16);
        header = 12;
      } else {
        length = u16(b, p + 6);
        header = 8;
      }
      if (p + header + length > b.length) {
        return null;
      }
      if (element == 0x0010) {
        String uid = new String(b, p + header, (int) length, StandardCharsets.US_ASCII);
        uid = uid.replace("\0", "").strip();
        return uid.isEmpty() ? null : uid;
      }
      p += header + (int) length;
    }
    return null;
  }

  /** Where the meta information ends when the bytes hold all of it (or show there is none), else NEED_MORE. */
  private static int metaEnd(byte[] b) {
    if (b.length < 132) {
      return NEED_MORE;
    }
    if (b[128] != 'D' || b[129] != 'I' || b[130] != 'C' || b[131] != 'M') {
      return 0;
    }
    int p = 132;
    while (p + 8 <= b.length) {
      if (u16(b, p) != 2) {
        return p;
      }
      String vr = new String(b, p + 4, 2, StandardCharsets.US_ASCII);
      boolean longVr = LONG_VRS.contains(vr);
      if (longVr && p + 12 > b.length) {
        return NEED_MORE;
      }
      long length = longVr ? u16(b, p + 8) | ((long) u16(b, p + 10) << 16) : u16(b, p + 6);
      long next = p + (longVr ? 12 : 8) + length;
      if (next > MAX_PEEK_BYTES) {
        return 0;
      }
      p = (int) next;
    }
    return NEED_MORE;
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
  }

  // ---- the stream handed on: the prefix, then the source itself ----------------------------------------------

  private void onChunk(Buffer chunk) {
    if (handler != null) {
      handler.handle(chunk);
    }
  }

  private void onSourceEnd() {
    sourceEnded = true;
    // told once there is a handler: one set after the end (from another thread, say) still hears of it
    if (prefix == null && !endSignalled && endHandler != null) {
      endSignalled = true;
      endHandler.handle(null);
    }
  }

  private void onSourceFailure(Throwable t) {
    sourceFailure = t;
    onFailure.handle(t);
    if (exceptionHandler != null) {
      exceptionHandler.handle(Failures.translate(t, null));
    }
  }

  /** Hands on the prefix once there is demand; then the source's own flow control takes over. */
  private void drive() {
    if (handler == null || prefix == null || demand == 0) {
      return;
    }
    Buffer p = prefix;
    prefix = null;
    if (demand != Long.MAX_VALUE) {
      demand--;
    }
    if (p.length() > 0) {
      handler.handle(p);
    }
    if (sourceFailure != null) {
      return;
    }
    if (sourceEnded) {
      onSourceEnd();
    } else if (demand == Long.MAX_VALUE) {
      source.resume();
    } else if (demand > 0) {
      source.fetch(demand);
    }
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> h) {
    exceptionHandler = h;
    return this;
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> h) {
    handler = h;
    ctx.runOnContext(v -> drive());
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    if (prefix == null) {
      source.pause();
    } else {
      demand = 0;
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    if (prefix == null) {
      source.resume();
    } else {
      demand = Long.MAX_VALUE;
      ctx.runOnContext(v -> drive());
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    if (prefix == null) {
      source.fetch(amount);
    } else if (amount > 0) {
      demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
      ctx.runOnContext(v -> drive());
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> h) {
    endHandler = h;
    ctx.runOnContext(v -> {
      if (sourceEnded) {
        onSourceEnd();
      }
    });
    return this;
  }
}
