package io.firebell.broadcast.delivery;

import io.firebell.broadcast.delivery.AttemptResult.Outcome;
import io.firebell.platform.webhooks.StandardWebhooks;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends one attempt of a delivery with Vert.x's non-blocking HTTP client: resolves the host and
 * checks every address with the {@link SsrfGuard}, connects to the checked address (the Host header
 * and TLS SNI stay the URL's name), adds the Standard Webhooks headers for {@code webhook}
 * endpoints, never follows redirects, and gives up after the timeout.
 */
@ApplicationScoped
public class DeliverySender {

  private static final String USER_AGENT = "Firebell-Broadcast/0.1 (+https://firebell.io)";

  private final Vertx vertx;
  private final SsrfGuard guard;
  private final long timeoutMs;
  private final HttpClient client;
  private final Clock clock;

  public DeliverySender(Vertx vertx, SsrfGuard guard, DeliveryConfig config, Clock clock) {
    this.vertx = vertx;
    this.guard = guard;
    this.timeoutMs = config.timeout().toMillis();
    this.clock = clock;
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setKeepAlive(true)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMs))
                .setForceSni(true)
                .setVerifyHost(true)
                .setMaxRedirects(0)
                .setDecompressionSupported(false),
            new PoolOptions()
                .setHttp1MaxSize(config.maxConnectionsPerHost())
                .setMaxWaitQueueSize(-1));
  }

  void close(@Observes ShutdownEvent event) {
    client.close();
  }

  /** Sends one attempt; the future always completes (never fails) with its result. */
  Future<AttemptResult> send(ClaimedDelivery delivery) {
    Instant startedAt = Instant.now(clock);
    long start = System.nanoTime();
    URI uri;
    try {
      uri = new URI(delivery.url());
      if (SsrfGuard.urlProblem(delivery.url()) != null) {
        throw new IllegalArgumentException(SsrfGuard.urlProblem(delivery.url()));
      }
    } catch (Exception e) {
      return Future.succeededFuture(
          result(Outcome.PERMANENT, null, "bad URL: " + e.getMessage(), null, startedAt, start));
    }
    String host = uri.getHost();
    return resolve(host)
        .transform(
            resolved -> {
              if (resolved.failed()) {
                Throwable t = resolved.cause();
                Outcome outcome =
                    t instanceof SsrfGuard.RefusedAddressException
                        ? Outcome.PERMANENT
                        : Outcome.RETRYABLE;
                String error =
                    t instanceof SsrfGuard.RefusedAddressException
                        ? t.getMessage()
                        : "cannot resolve " + host + ": " + t.getMessage();
                return Future.succeededFuture(result(outcome, null, error, null, startedAt, start));
              }
              return exchange(delivery, uri, resolved.result(), startedAt, start);
            });
  }

  private Future<InetAddress> resolve(String host) {
    boolean literal = host.startsWith("[") || host.matches("[0-9.]+");
    if (literal) {
      try {
        return Future.succeededFuture(guard.resolve(host));
      } catch (UnknownHostException e) {
        return Future.failedFuture(e);
      }
    }
    // DNS may block: off the event loop.
    return vertx.executeBlocking(() -> guard.resolve(host), false);
  }

  private Future<AttemptResult> exchange(
      ClaimedDelivery delivery, URI uri, InetAddress address, Instant startedAt, long start) {
    boolean https = "https".equalsIgnoreCase(uri.getScheme());
    int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      path = path + "?" + uri.getRawQuery();
    }
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, port)))
            .setHost(uri.getHost())
            .setPort(port)
            .setSsl(https)
            .setURI(path)
            .setFollowRedirects(false)
            .setConnectTimeout(timeoutMs)
            .setIdleTimeout(timeoutMs);
    options.putHeader("content-type", delivery.contentType());
    options.putHeader("user-agent", USER_AGENT);
    if (!delivery.secrets().isEmpty()) {
      String id = StandardWebhooks.messageId(delivery.id());
      long timestamp = startedAt.getEpochSecond();
      options.putHeader(StandardWebhooks.ID, id);
      options.putHeader(StandardWebhooks.TIMESTAMP, Long.toString(timestamp));
      options.putHeader(
          StandardWebhooks.SIGNATURE,
          StandardWebhooks.signature(delivery.secrets(), id, timestamp, delivery.body()));
    }

    Promise<AttemptResult> promise = Promise.promise();
    AtomicBoolean done = new AtomicBoolean();
    HttpClientRequest[] sent = new HttpClientRequest[1];
    // A hard deadline over the whole exchange, whatever the receiver trickles.
    long timer =
        vertx.setTimer(
            timeoutMs,
            t -> {
              if (done.compareAndSet(false, true)) {
                if (sent[0] != null) {
                  sent[0].reset();
                }
                promise.complete(
                    result(
                        Outcome.RETRYABLE,
                        null,
                        "timed out after " + timeoutMs + " ms",
                        null,
                        startedAt,
                        start));
              }
            });
    client
        .request(options)
        .compose(
            request -> {
              sent[0] = request;
              return request.send(Buffer.buffer(delivery.body()));
            })
        .compose(response -> response.body().map(ignored -> response))
        .onComplete(
            ar -> {
              if (!done.compareAndSet(false, true)) {
                return;
              }
              vertx.cancelTimer(timer);
              if (ar.failed()) {
                promise.complete(
                    result(Outcome.RETRYABLE, null, oneLine(ar.cause()), null, startedAt, start));
              } else {
                promise.complete(classify(ar.result(), startedAt, start));
              }
            });
    return promise.future();
  }

  private AttemptResult classify(HttpClientResponse response, Instant startedAt, long start) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return result(Outcome.SUCCEEDED, status, null, null, startedAt, start);
    }
    if (status == 410) {
      return result(Outcome.GONE, status, "410 Gone", null, startedAt, start);
    }
    if (status == 429 || status >= 500) {
      Duration retryAfter = retryAfter(response.getHeader("retry-after"), Instant.now(clock));
      return result(Outcome.RETRYABLE, status, "HTTP " + status, retryAfter, startedAt, start);
    }
    String error =
        status >= 300 && status < 400
            ? "HTTP " + status + " redirect (redirects are not followed)"
            : "HTTP " + status;
    return result(Outcome.PERMANENT, status, error, null, startedAt, start);
  }

  /** {@code Retry-After} as delay-seconds or an HTTP-date; null if absent or unreadable. */
  static Duration retryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.trim();
    try {
      long seconds = Long.parseLong(value);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(now, at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (RuntimeException notADate) {
        return null;
      }
    }
  }

  private static AttemptResult result(
      Outcome outcome,
      Integer status,
      String error,
      Duration retryAfter,
      Instant startedAt,
      long startNanos) {
    return new AttemptResult(
        outcome,
        status,
        error,
        retryAfter,
        startedAt,
        (System.nanoTime() - startNanos) / 1_000_000);
  }

  private static String oneLine(Throwable t) {
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    message = message.replaceAll("\\s+", " ").trim();
    if (message.isEmpty()) {
      return t.getClass().getSimpleName();
    }
    return message.length() > 300 ? message.substring(0, 300) : message;
  }
}
