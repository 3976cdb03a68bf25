package io.firebell.broadcast.delivery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real HTTP receiver on 127.0.0.1 (JDK HttpServer, random port) that records every request and
 * answers per path as the test scripts it: a status with headers, or never (hang).
 */
final class TestReceiver implements AutoCloseable {

  /** An answer: status and headers; {@code HANG} never answers. */
  record Answer(int status, Map<String, String> headers, long delayMs) {
    static final Answer HANG = new Answer(-1, Map.of(), 0);

    static Answer of(int status) {
      return new Answer(status, Map.of(), 0);
    }

    static Answer of(int status, String header, String value) {
      return new Answer(status, Map.of(header, value), 0);
    }

    static Answer slow(int status, long delayMs) {
      return new Answer(status, Map.of(), delayMs);
    }
  }

  /** A request as received. */
  record Received(String path, Map<String, String> headers, String body, Instant at) {
    String header(String name) {
      return headers.get(name.toLowerCase());
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Function<Integer, Answer>> scripts = new ConcurrentHashMap<>();
  private final Map<String, ConcurrentLinkedQueue<Received>> received = new ConcurrentHashMap<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final AtomicInteger inProgress = new AtomicInteger();
  private final AtomicInteger maxConcurrent = new AtomicInteger();

  TestReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1000);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** The URL of a path on this receiver, e.g. {@code url("/a")}. */
  String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  /** Answers the n-th request (from 1) to the path as the function says. */
  void script(String path, Function<Integer, Answer> answer) {
    scripts.put(path, answer);
  }

  /** The most requests this receiver was answering at once (over all paths). */
  int maxConcurrent() {
    return maxConcurrent.get();
  }

  List<Received> received(String path) {
    ConcurrentLinkedQueue<Received> list = received.get(path);
    return list == null ? List.of() : new ArrayList<>(list);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, String> headers = new ConcurrentHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
    ConcurrentLinkedQueue<Received> list =
        received.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>());
    int n;
    synchronized (list) {
      list.add(new Received(path, headers, body, Instant.now()));
      n = list.size();
    }
    int concurrent = inProgress.incrementAndGet();
    maxConcurrent.accumulateAndGet(concurrent, Math::max);
    Answer answer = scripts.getOrDefault(path, i -> Answer.of(200)).apply(n);
    if (answer.status() < 0) {
      try {
        closing.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      inProgress.decrementAndGet();
      exchange.close();
      return;
    }
    if (answer.delayMs() > 0) {
      try {
        Thread.sleep(answer.delayMs());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    inProgress.decrementAndGet();
    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.sendResponseHeaders(answer.status(), -1);
    exchange.close();
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
