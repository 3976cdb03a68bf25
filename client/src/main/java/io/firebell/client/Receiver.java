package io.firebell.client;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * The stakeholders' side, for the demo, the benchmarks and the tests: a real HTTP server on
 * 127.0.0.1 (random port) that records every request (path, headers, body, arrival), answers per
 * path as scripted (a status with headers, after a delay, or never), checks Standard Webhooks
 * signatures of the paths it has a secret for, and, given a file, writes one line per message.
 */
public final class Receiver implements AutoCloseable {

  // The verdicts on a message's Standard Webhooks signature.
  public static final String VALID = "valid";
  public static final String INVALID = "invalid";
  public static final String UNSIGNED = "unsigned";

  /**
   * One request as it arrived. {@code headers} are keyed in lower case (first value each); {@code
   * signature} is {@link #VALID}, {@link #INVALID} or {@link #UNSIGNED} (no secret for the path, or
   * no signature headers).
   */
  public record Message(
      Instant at,
      long nanos,
      String path,
      Map<String, String> headers,
      String body,
      String signature) {

    /** The first value of a request header, by any case of its name; null when absent. */
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String webhookId() {
      return header("webhook-id");
    }

    public boolean mentions(String text) {
      return body.contains(text);
    }

    /** Whether this message carries a Standard Webhooks signature made with {@code whsec}. */
    public boolean signedWith(String whsec) {
      return VALID.equals(verify(whsec, this));
    }
  }

  /** An answer: status and headers after {@code delayMs}; {@link #HANG} never answers. */
  public record Answer(int status, Map<String, String> headers, long delayMs) {
    public static final Answer HANG = new Answer(-1, Map.of(), 0);

    public static Answer of(int status) {
      return new Answer(status, Map.of(), 0);
    }

    public static Answer of(int status, String header, String value) {
      return new Answer(status, Map.of(header, value), 0);
    }

    public static Answer slow(int status, long delayMs) {
      return new Answer(status, Map.of(), delayMs);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Queue<Message> messages = new ConcurrentLinkedQueue<>();
  private final Map<String, List<Message>> byPath = new ConcurrentHashMap<>();
  private final Map<String, String> secrets = new ConcurrentHashMap<>();
  private final Map<String, IntFunction<Answer>> scripts = new ConcurrentHashMap<>();
  private volatile IntFunction<Answer> otherwise;
  private volatile Consumer<Message> answered = m -> {};
  private final CountDownLatch closing = new CountDownLatch(1);
  private final AtomicInteger inProgress = new AtomicInteger();
  private final AtomicInteger maxConcurrent = new AtomicInteger();
  private final Path log;

  /** A receiver that answers 200 to every request until scripted otherwise. */
  public Receiver() throws IOException {
    this(null, Answer.of(200));
  }

  /**
   * A receiver that answers 204 (the way chat tools and partners acknowledge a webhook) and writes
   * one line per message to {@code log}, when it is not null.
   */
  public Receiver(Path log) throws IOException {
    this(log, Answer.of(204));
  }

  private Receiver(Path log, Answer answer) throws IOException {
    this.log = log;
    this.otherwise = n -> answer;
    if (log != null) {
      Files.createDirectories(log.getParent());
      Files.writeString(log, "", StandardCharsets.UTF_8);
    }
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1000);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The URL of a path on this receiver, e.g. {@code url("/a")}. */
  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  /** Verify messages to {@code path} with this Standard Webhooks secret ({@code whsec_…}). */
  public void secret(String path, String whsec) {
    if (whsec != null) {
      secrets.put(path, whsec);
    }
  }

  /** Answers the n-th request (from 1) to {@code path} as the function says. */
  public void script(String path, IntFunction<Answer> answer) {
    scripts.put(path, answer);
  }

  /**
   * Answers the n-th request (from 1) to a path without a script of its own as the function says.
   */
  public void scriptOthers(IntFunction<Answer> answer) {
    otherwise = answer;
  }

  /** Called with each message once its answer has been sent. */
  public void onAnswered(Consumer<Message> listener) {
    answered = listener;
  }

  /** Every message so far, in arrival order. */
  public List<Message> received() {
    return List.copyOf(messages);
  }

  /** The messages to {@code path} so far, in arrival order. */
  public List<Message> received(String path) {
    List<Message> list = byPath.get(path);
    if (list == null) {
      return List.of();
    }
    synchronized (list) {
      return List.copyOf(list);
    }
  }

  /** The most requests this receiver was answering at once (over all paths). */
  public int maxConcurrent() {
    return maxConcurrent.get();
  }

  /** Waits until {@code count} messages match, or fails saying what did arrive. */
  public List<Message> await(Predicate<Message> match, int count, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<Message> found = new ArrayList<>();
      for (Message m : messages) {
        if (match.test(m)) {
          found.add(m);
        }
      }
      if (found.size() >= count) {
        return found;
      }
      if (System.nanoTime() > deadline) {
        throw new StoryFailure(
            what
                + ": "
                + found.size()
                + " of "
                + count
                + " arrived within "
                + timeout.toSeconds()
                + " s (the receiver got "
                + messages.size()
                + " messages in all)");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoryFailure("interrupted");
      }
    }
  }

  /**
   * {@link #VALID} when {@code message} carries a Standard Webhooks signature ({@code
   * webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>}, one of several separated by
   * spaces) made with {@code whsec}; {@link #INVALID} when it carries none that matches; {@link
   * #UNSIGNED} when a header or the secret is missing.
   */
  public static String verify(String whsec, Message message) {
    return verify(whsec, message.headers(), message.body());
  }

  private static String verify(String whsec, Map<String, String> headers, String body) {
    String id = headers.get("webhook-id");
    String timestamp = headers.get("webhook-timestamp");
    String header = headers.get("webhook-signature");
    if (header == null || whsec == null || id == null || timestamp == null) {
      return UNSIGNED;
    }
    try {
      // Signed with the Standard Webhooks library, as the services sign; no tolerance on the
      // timestamp (a test or benchmark reads its log long after).
      byte[] expected =
          new Webhook(whsec)
              .sign(id, Long.parseLong(timestamp), body)
              .getBytes(StandardCharsets.US_ASCII);
      for (String part : header.split(" ")) {
        if (MessageDigest.isEqual(expected, part.getBytes(StandardCharsets.US_ASCII))) {
          return VALID;
        }
      }
      return INVALID;
    } catch (Exception e) {
      return INVALID;
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    long nanos = System.nanoTime();
    Instant at = Instant.now();
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readAllBytes();
    }
    String path = exchange.getRequestURI().getPath();
    Map<String, String> headers = new ConcurrentHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
    String body = new String(bytes, StandardCharsets.UTF_8);
    Message m =
        new Message(at, nanos, path, headers, body, verify(secrets.get(path), headers, body));
    List<Message> list = byPath.computeIfAbsent(path, p -> new ArrayList<>());
    int n;
    synchronized (list) {
      list.add(m);
      n = list.size();
    }
    messages.add(m);
    boolean answeredIt;
    try {
      answeredIt = answer(exchange, path, n);
    } finally {
      write(m);
    }
    if (answeredIt) {
      answered.accept(m);
    }
  }

  /** Answers as scripted; false when the script said to hang. */
  private boolean answer(HttpExchange exchange, String path, int n) throws IOException {
    int concurrent = inProgress.incrementAndGet();
    maxConcurrent.accumulateAndGet(concurrent, Math::max);
    Answer answer = scripts.getOrDefault(path, otherwise).apply(n);
    if (answer.status() < 0) {
      try {
        closing.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      inProgress.decrementAndGet();
      exchange.close();
      return false;
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
    return true;
  }

  private void write(Message m) {
    if (log == null) {
      return;
    }
    synchronized (this) {
      try (Writer w =
          Files.newBufferedWriter(
              log, StandardCharsets.UTF_8, StandardOpenOption.APPEND, StandardOpenOption.CREATE)) {
        w.write(
            m.at()
                + " "
                + m.path()
                + (m.webhookId() == null ? "" : " webhook-id=" + m.webhookId())
                + " signature="
                + m.signature()
                + " "
                + Http.abbreviate(m.body())
                + "\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
