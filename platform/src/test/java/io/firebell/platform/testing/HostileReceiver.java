package io.firebell.platform.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A receiver on 127.0.0.1 that misbehaves the way hostile or broken webhook receivers do, on a raw
 * socket so that nothing in between softens it. It counts what it got and what it managed to write
 * before the caller hung up. Its threads all start with it, so a test can take a thread count
 * afterwards as its baseline.
 */
public final class HostileReceiver implements AutoCloseable {

  /** What it does with a request. */
  public enum Behaviour {
    /** Reads the request and never answers, holding the connection open. */
    NEVER_ANSWERS,
    /** Answers 503 with a 1 GiB body, streamed (never allocated) until the caller hangs up. */
    HUGE_BODY,
    /** Sends its answer one byte per second, from the status line on. */
    TRICKLE,
    /** Answers 302 to the location given at start. */
    REDIRECT,
    /** Speaks garbage where a TLS handshake is expected. */
    TLS_GARBAGE,
    /** Answers 410 Gone. */
    GONE,
    /** Answers 204 (a well-behaved receiver, e.g. a redirect's target that must stay untouched). */
    OK
  }

  /** The body {@link Behaviour#HUGE_BODY} announces and would send. */
  public static final long HUGE_BODY_BYTES = 1L << 30;

  private static final int THREADS = 8;
  private static final byte[] ZEROS = new byte[64 * 1024];

  private final Behaviour behaviour;
  private final String location;
  private final ServerSocket server;
  private final ThreadPoolExecutor threads;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicLong bytesWritten = new AtomicLong();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private HostileReceiver(Behaviour behaviour, String location) throws IOException {
    this.behaviour = behaviour;
    this.location = location;
    this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    AtomicInteger n = new AtomicInteger();
    this.threads =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            1,
            TimeUnit.HOURS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "hostile-" + behaviour + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    threads.prestartAllCoreThreads();
    threads.execute(this::accept);
  }

  public static HostileReceiver start(Behaviour behaviour) throws IOException {
    return new HostileReceiver(behaviour, null);
  }

  /** A {@link Behaviour#REDIRECT} receiver that sends callers to {@code location}. */
  public static HostileReceiver redirectingTo(String location) throws IOException {
    return new HostileReceiver(Behaviour.REDIRECT, location);
  }

  /** Its URL ({@code https} for {@link Behaviour#TLS_GARBAGE}). */
  public String url(String path) {
    String scheme = behaviour == Behaviour.TLS_GARBAGE ? "https" : "http";
    return scheme + "://127.0.0.1:" + server.getLocalPort() + path;
  }

  public Behaviour behaviour() {
    return behaviour;
  }

  /** Connections accepted. */
  public int connections() {
    return connections.get();
  }

  /** Requests whose head it read. */
  public int requests() {
    return requests.get();
  }

  /** Bytes of answers it managed to write before callers hung up. */
  public long bytesWritten() {
    return bytesWritten.get();
  }

  /** Threads it runs (all started with it). */
  public static int threadsPerReceiver() {
    return THREADS;
  }

  private void accept() {
    while (!closed) {
      try {
        Socket socket = server.accept();
        open.add(socket);
        connections.incrementAndGet();
        threads.execute(() -> serve(socket));
      } catch (IOException e) {
        if (!closed) {
          sleep(10);
        }
      }
    }
  }

  private void serve(Socket socket) {
    try (socket;
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream()) {
      if (behaviour == Behaviour.TLS_GARBAGE) {
        write(out, "this is not TLS\r\n".repeat(64).getBytes(StandardCharsets.US_ASCII));
        drain(in);
        return;
      }
      readRequest(in);
      requests.incrementAndGet();
      switch (behaviour) {
        case NEVER_ANSWERS -> drain(in);
        case HUGE_BODY -> hugeBody(out);
        case TRICKLE -> trickle(out);
        case REDIRECT ->
            write(out, head("302 Found", "location: " + location + "\r\ncontent-length: 0"));
        case GONE -> write(out, head("410 Gone", "content-length: 0"));
        case OK -> write(out, head("204 No Content", "content-length: 0"));
        default -> throw new IllegalStateException(behaviour.toString());
      }
      drain(in);
    } catch (IOException hungUp) {
      // The caller closed the connection: what this receiver is here to provoke.
    } finally {
      open.remove(socket);
    }
  }

  private void hugeBody(OutputStream out) throws IOException {
    write(out, head("503 Service Unavailable", "content-length: " + HUGE_BODY_BYTES));
    for (long sent = 0; sent < HUGE_BODY_BYTES && !closed; sent += ZEROS.length) {
      write(out, ZEROS);
    }
  }

  private void trickle(OutputStream out) throws IOException {
    byte[] answer = head("200 OK", "content-length: 2").getBytes(StandardCharsets.US_ASCII);
    for (byte b : answer) {
      write(out, new byte[] {b});
      sleep(1000);
    }
    write(out, "ok".getBytes(StandardCharsets.US_ASCII));
  }

  private static String head(String status, String headers) {
    return "HTTP/1.1 " + status + "\r\n" + headers + "\r\nconnection: close\r\n\r\n";
  }

  private void write(OutputStream out, String text) throws IOException {
    write(out, text.getBytes(StandardCharsets.US_ASCII));
  }

  private void write(OutputStream out, byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    bytesWritten.addAndGet(bytes.length);
  }

  /** Reads a request's head and its content-length body. */
  private static void readRequest(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        throw new SocketException("closed before the request's end");
      }
      head.append((char) c);
    }
    long length = 0;
    for (String line : head.toString().split("\r\n")) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(lower.substring("content-length:".length()).trim());
      }
    }
    in.skipNBytes(length);
  }

  /** Waits until the caller hangs up (or the receiver closes). */
  private static void drain(InputStream in) throws IOException {
    byte[] buffer = new byte[4096];
    while (in.read(buffer) >= 0) {
      // Discards whatever the caller still sends.
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (Socket socket : open) {
      socket.close();
    }
    threads.shutdownNow();
  }
}
