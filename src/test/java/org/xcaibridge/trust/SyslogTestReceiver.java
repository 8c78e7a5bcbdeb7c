package org.xcaibridge.trust;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in audit record repository for tests, on 127.0.0.1: RFC 5425 over TLS (a Vert.x NetServer, mutual
 * TLS) or RFC 5426 over UDP. It keeps every byte it received, per connection (TLS) or per datagram (UDP), so an
 * independent parser can read the raw capture, and splits TLS streams into octet-counted frames itself. It can
 * be stopped and started again on the same port, like a repository that goes down. Runs on its own Vert.x
 * instance so its work never shows on the sender's event loops.
 */
public final class SyslogTestReceiver {
  private final Vertx vertx = Vertx.vertx();
  private final List<ByteArrayOutputStream> connections = new ArrayList<>();
  private final List<byte[]> frames = new ArrayList<>();
  private final List<byte[]> datagrams = new ArrayList<>();
  private final List<NetSocket> sockets = new ArrayList<>();
  private final Set<Long> sequenceIds = new HashSet<>();
  private int generation;
  private int stopAfterFrames = -1;
  private boolean deaf;
  private boolean hangUp;
  private int hungUp;
  private int unheardFrames;
  private CompletableFuture<Void> stopped;
  private NetServer server;
  private DatagramSocket udp;
  private int port;

  /** Listens for TLS on {@code port} (0: a free one); returns the port. */
  public int startTls(NetServerOptions options, int port) throws Exception {
    server = vertx.createNetServer(options).connectHandler(this::accept);
    this.port = await(server.listen(port, "127.0.0.1")).actualPort();
    return this.port;
  }

  /**
   * Makes one TLS connection to this receiver from a throw-away client on the receiver's own Vert.x and forgets
   * it: the JVM-wide first-use costs of Vert.x's TLS client path (class initialisation, cipher suite tables) are
   * paid here, not on the event loop of the sender under test.
   */
  public void warmUpTls(NetClientOptions clientOptions) throws Exception {
    NetClient client = vertx.createNetClient(clientOptions);
    try {
      await(await(client.connect(port, "127.0.0.1")).close());
    } finally {
      await(client.close());
    }
    synchronized (this) {
      connections.clear();
      frames.clear();
      sequenceIds.clear();
    }
  }

  /**
   * Goes down like a crashed repository: from now on nothing more is taken from any open connection (what its
   * buffers still hold is lost), the listening socket and every connection are closed.
   */
  void stopTls() throws Exception {
    await(stopNow());
  }

  /**
   * Arms a crash: the receiver goes down (as {@link #stopTls}) the moment its {@code frames}-th frame arrives,
   * while the sender is still writing; {@link #stopped()} completes when it is down.
   */
  synchronized void stopAfter(int frames) {
    stopAfterFrames = frames;
    stopped = new CompletableFuture<>();
  }

  CompletableFuture<Void> stopped() {
    return stopped;
  }

  /**
   * While deaf, whole frames that arrive are counted ({@link #unheardFrames}) and then forgotten, like a
   * repository that takes bytes into its socket buffers and crashes before it stores them.
   */
  synchronized void deaf(boolean deaf) {
    this.deaf = deaf;
  }

  synchronized int unheardFrames() {
    return unheardFrames;
  }

  /**
   * While hanging up, each connection is closed as soon as its TLS handshake is done, before anything sent on it
   * is read (a repository that is up but refuses to work); such connections are only counted
   * ({@link #hungUpConnections}), not kept.
   */
  synchronized void hangUp(boolean hangUp) {
    this.hangUp = hangUp;
  }

  synchronized int hungUpConnections() {
    return hungUp;
  }

  /** Closes every open connection (what they still hold unread is lost) but keeps listening. */
  void dropConnections() throws Exception {
    List<NetSocket> open;
    synchronized (this) {
      generation++;
      open = List.copyOf(sockets);
      sockets.clear();
    }
    for (NetSocket s : open) {
      await(s.close());
    }
  }

  private Future<Void> stopNow() {
    List<NetSocket> open;
    synchronized (this) {
      generation++;
      open = List.copyOf(sockets);
      sockets.clear();
    }
    NetServer s = server;
    server = null;
    return s.close().andThen(ar -> open.forEach(NetSocket::close));
  }

  /** Listens for UDP on a free port; returns it. */
  public int startUdp() throws Exception {
    udp = vertx.createDatagramSocket(new DatagramSocketOptions().setReceiveBufferSize(1 << 20));
    udp.handler(packet -> {
      synchronized (this) {
        datagrams.add(packet.data().getBytes());
      }
    });
    this.port = await(udp.listen(0, "127.0.0.1")).localAddress().port();
    return this.port;
  }

  private void accept(NetSocket socket) {
    synchronized (this) {
      if (hangUp) {
        hungUp++;
        socket.handler(ignored -> {});
        socket.close();
        return;
      }
    }
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    int accepted;
    synchronized (this) {
      connections.add(raw);
      sockets.add(socket);
      accepted = generation;
    }
    FrameSplitter splitter = new FrameSplitter();
    socket.handler(chunk -> {
      byte[] bytes = chunk.getBytes();
      synchronized (this) {
        if (accepted != generation) {
          return;
        }
        if (deaf) {
          unheardFrames += splitter.count(bytes);
          return;
        }
        raw.writeBytes(bytes);
        splitter.feed(bytes, frames, this);
        if (stopAfterFrames > 0 && frames.size() >= stopAfterFrames) {
          stopAfterFrames = -1;
          CompletableFuture<Void> done = stopped;
          stopNow().onComplete(ar -> done.complete(null));
        }
      }
    });
  }

  /** How many different meta sequenceIds the whole frames received so far carry. */
  synchronized int distinctSequenceIds() {
    return sequenceIds.size();
  }

  private static final Pattern SEQUENCE_ID = Pattern.compile("\\[meta sequenceId=\"(\\d+)\"\\]");

  private static long sequenceIdOf(byte[] frame) {
    String head = new String(frame, 0, Math.min(frame.length, 400), StandardCharsets.US_ASCII);
    Matcher m = SEQUENCE_ID.matcher(head);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  /** Whole octet-counted frames received over TLS so far, in arrival order (SYSLOG-MSG bytes). */
  public synchronized List<byte[]> frames() {
    return List.copyOf(frames);
  }

  public synchronized List<byte[]> datagrams() {
    return List.copyOf(datagrams);
  }

  synchronized int connectionCount() {
    return connections.size();
  }

  /**
   * Writes the raw capture: for TLS one file {@code conn-N.raw} per connection with the exact byte stream; for
   * UDP one file {@code datagrams.bin} with each datagram as a 4-byte big-endian length and its payload.
   */
  synchronized void writeCapture(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (int i = 0; i < connections.size(); i++) {
      Files.write(dir.resolve("conn-" + (i + 1) + ".raw"), connections.get(i).toByteArray());
    }
    if (!datagrams.isEmpty()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (byte[] d : datagrams) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(d.length).array());
        out.writeBytes(d);
      }
      Files.write(dir.resolve("datagrams.bin"), out.toByteArray());
    }
  }

  public void close() throws Exception {
    await(vertx.close());
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** RFC 5425 §4.3 octet counting, fed with arbitrary chunks; a frame cut by a closed connection is dropped. */
  private static final class FrameSplitter {
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private int expected = -1;

    /** Feeds a chunk heard while deaf: the number of frames it completed, all forgotten. */
    int count(byte[] chunk) {
      List<byte[]> heard = new ArrayList<>();
      feed(chunk, heard, null);
      return heard.size();
    }

    void feed(byte[] chunk, List<byte[]> out, SyslogTestReceiver owner) {
      for (byte b : chunk) {
        if (expected < 0) {
          if (b == ' ') {
            expected = Integer.parseInt(pending.toString(StandardCharsets.US_ASCII));
            pending.reset();
          } else if (b < '0' || b > '9' || pending.size() > 9) {
            throw new IllegalStateException("not an octet-counted frame: byte " + b);
          } else {
            pending.write(b);
          }
        } else {
          pending.write(b);
          if (pending.size() == expected) {
            out.add(pending.toByteArray());
            if (owner != null) {
              owner.sequenceIds.add(sequenceIdOf(out.get(out.size() - 1)));
            }
            pending.reset();
            expected = -1;
          }
        }
      }
    }
  }
}
