package io.firebell.client;

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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The stakeholders' side: a local HTTP server that records every message Firebell sends it (fire
 * alarms, updates, pages), checks Standard Webhooks signatures of the paths it has a secret for,
 * and writes one line per message to a log file.
 */
public final class Receiver implements AutoCloseable {

  /** One message as it arrived. {@code signature} is "valid", "invalid" or "unsigned". */
  public record Message(
      Instant at, long nanos, String path, String webhookId, String signature, String body) {
    public boolean mentions(String text) {
      return body.contains(text);
    }
  }

  private final HttpServer server;
  private final List<Message> messages = new CopyOnWriteArrayList<>();
  private final Map<String, byte[]> secrets = new ConcurrentHashMap<>();
  private final Path log;

  public Receiver(Path log) throws IOException {
    this.log = log;
    if (log != null) {
      Files.createDirectories(log.getParent());
      Files.writeString(log, "", StandardCharsets.UTF_8);
    }
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
    server.setExecutor(Executors.newFixedThreadPool(16));
    server.createContext("/", this::handle);
    server.start();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Verify messages to {@code path} with this Standard Webhooks secret ({@code whsec_…}). */
  public void secret(String path, String whsec) {
    if (whsec != null) {
      secrets.put(path, Base64.getDecoder().decode(whsec.substring("whsec_".length())));
    }
  }

  public List<Message> messages() {
    return List.copyOf(messages);
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

  private void handle(HttpExchange exchange) throws IOException {
    long nanos = System.nanoTime();
    Instant at = Instant.now();
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readAllBytes();
    }
    String body = new String(bytes, StandardCharsets.UTF_8);
    String path = exchange.getRequestURI().getPath();
    String id = exchange.getRequestHeaders().getFirst("webhook-id");
    String signature = verify(path, id, exchange, body);
    Message m = new Message(at, nanos, path, id, signature, body);
    messages.add(m);
    exchange.sendResponseHeaders(204, -1);
    exchange.close();
    if (log != null) {
      synchronized (this) {
        try (Writer w =
            Files.newBufferedWriter(
                log,
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND,
                StandardOpenOption.CREATE)) {
          w.write(
              at
                  + " "
                  + path
                  + (id == null ? "" : " webhook-id=" + id)
                  + " signature="
                  + signature
                  + " "
                  + Http.abbreviate(body)
                  + "\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  private String verify(String path, String id, HttpExchange exchange, String body) {
    String header = exchange.getRequestHeaders().getFirst("webhook-signature");
    String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
    byte[] key = secrets.get(path);
    if (header == null || key == null || id == null || timestamp == null) {
      return "unsigned";
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] expected =
          mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      for (String part : header.split(" ")) {
        if (part.startsWith("v1,")
            && MessageDigest.isEqual(expected, Base64.getDecoder().decode(part.substring(3)))) {
          return "valid";
        }
      }
      return "invalid";
    } catch (Exception e) {
      return "invalid";
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
