package org.xcaibridge.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The floor under any relay that keeps what it relays, on this machine: each connection's request is answered by
 * POSTing one fixed RAD-75 request to the responder and copying the answer, bytes as they come, to the client and
 * into a file, which is deleted afterwards. One thread per connection, blocking channels, one 1 MiB direct buffer: a
 * socket read, a file write and a socket write per megabyte, the three transfers every byte of a cold retrieval
 * goes through here, and nothing besides: no HTTP parsing (the answer goes on as it came, status line, framing and
 * all), no MTOM, no Part 10, no checksum, no event loop. A bridge does all of this and more, so timed next to the
 * direct download it shows about what ratio the machine leaves room for (about: splice(2) could move the same bytes
 * with fewer copies, which Java does not offer). The bench runs it in a JVM of its own
 * ({@link ChildJvm}), before each of its rounds the same page cache scratch as before the bridge's.
 *
 * <p>Usage: TeeRelay toUrl contentType requestBodyFile fileDir
 */
public final class TeeRelay implements AutoCloseable {
  private static final int BUFFER_BYTES = 1 << 20;
  private static final int MAX_REQUEST_HEAD_BYTES = 64 * 1024;

  private final ServerSocketChannel server;
  private final Thread acceptor;

  private TeeRelay(ServerSocketChannel server, Thread acceptor) {
    this.server = server;
    this.acceptor = acceptor;
  }

  public static void main(String[] args) throws Exception {
    byte[] body = Files.readAllBytes(Path.of(args[2]));
    try (TeeRelay relay = start(URI.create(args[0]), args[1], body, Path.of(args[3]))) {
      ChildJvm.serveUntilParentCloses(relay.url());
    }
  }

  static TeeRelay start(URI to, String contentType, byte[] body, Path fileDir) throws IOException {
    Files.createDirectories(fileDir);
    byte[] head = ("POST " + to.getRawPath() + " HTTP/1.1\r\nHost: " + to.getHost() + ":" + to.getPort()
        + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length
        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    InetSocketAddress upstream = new InetSocketAddress(to.getHost(), to.getPort());
    ServerSocketChannel server = ServerSocketChannel.open();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread acceptor = new Thread(() -> {
      while (server.isOpen()) {
        try {
          SocketChannel client = server.accept();
          Thread t = new Thread(() -> relay(client, upstream, head, body, fileDir), "tee relay");
          t.setDaemon(true);
          t.start();
        } catch (IOException closed) {
          return;
        }
      }
    }, "tee relay acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
    return new TeeRelay(server, acceptor);
  }

  private static void relay(SocketChannel client, InetSocketAddress upstream, byte[] head, byte[] body, Path dir) {
    Path file = null;
    try (client; SocketChannel up = SocketChannel.open(upstream)) {
      readRequestHead(client);
      writeFully(up, ByteBuffer.wrap(head));
      writeFully(up, ByteBuffer.wrap(body));
      file = Files.createTempFile(dir, "tee", ".part");
      try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER_BYTES);
        long at = 0;
        while (up.read(buf) >= 0) {
          buf.flip();
          while (buf.hasRemaining()) {
            at += out.write(buf, at);
          }
          buf.rewind();
          writeFully(client, buf);
          buf.clear();
        }
      }
    } catch (IOException e) {
      System.err.println("tee relay: " + e);
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // a scratch file of the bench's work folder
        }
      }
    }
  }

  /** Reads up to the blank line that ends the client's request head (a GET: no body follows). */
  private static void readRequestHead(SocketChannel client) throws IOException {
    ByteBuffer in = ByteBuffer.allocate(MAX_REQUEST_HEAD_BYTES);
    while (in.hasRemaining() && client.read(in) >= 0) {
      String seen = new String(in.array(), 0, in.position(), StandardCharsets.ISO_8859_1);
      if (seen.contains("\r\n\r\n")) {
        return;
      }
    }
    throw new IOException("no complete request head");
  }

  private static void writeFully(SocketChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.socket().getLocalPort() + "/";
  }

  @Override
  public void close() throws IOException {
    server.close();
    try {
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
