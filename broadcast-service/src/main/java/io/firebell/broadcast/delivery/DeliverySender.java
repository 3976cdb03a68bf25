package io.firebell.broadcast.delivery;

import io.firebell.broadcast.delivery.AttemptResult.Outcome;
import io.firebell.platform.outbound.OutboundGuard;
import io.firebell.platform.outbound.OutboundHttp;
import io.firebell.platform.outbound.OutboundResult;
import io.firebell.platform.tracing.Tracing;
import io.firebell.platform.webhooks.StandardWebhooks;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends one attempt of a delivery through the suite's outbound guard ({@link OutboundHttp}: checked
 * addresses only, connected to the checked address, no redirects, one deadline over the whole
 * exchange, a capped response body), adding the Standard Webhooks headers for {@code webhook}
 * endpoints, and says what the answer means for the delivery.
 */
@ApplicationScoped
public class DeliverySender {

  private static final String USER_AGENT = "Firebell-Broadcast/0.1 (+https://firebell.io)";

  private final OutboundHttp http;
  private final Duration timeout;
  private final Clock clock;

  public DeliverySender(
      Vertx vertx, OutboundGuard guard, DeliveryConfig config, Clock clock, Tracing tracing) {
    this.http = new OutboundHttp(vertx, guard, config.maxConnectionsPerHost(), USER_AGENT, tracing);
    this.timeout = config.timeout();
    this.clock = clock;
  }

  void close(@Observes ShutdownEvent event) {
    http.close();
  }

  /** Sends one attempt; the future always completes (never fails) with its result. */
  Future<AttemptResult> send(ClaimedDelivery delivery) {
    Instant startedAt = Instant.now(clock);
    long start = System.nanoTime();
    Map<String, String> headers = new LinkedHashMap<>();
    if (!delivery.secrets().isEmpty()) {
      String id = StandardWebhooks.messageId(delivery.id());
      long timestamp = startedAt.getEpochSecond();
      headers.put(StandardWebhooks.ID, id);
      headers.put(StandardWebhooks.TIMESTAMP, Long.toString(timestamp));
      headers.put(
          StandardWebhooks.SIGNATURE,
          StandardWebhooks.signature(delivery.secrets(), id, timestamp, delivery.body()));
    }
    return http.post(
            delivery.url(),
            delivery.contentType(),
            headers,
            delivery.body(),
            timeout,
            delivery.traceparent())
        .map(answer -> classify(answer, startedAt, start));
  }

  private AttemptResult classify(OutboundResult answer, Instant startedAt, long start) {
    if (answer.failure() != null) {
      Outcome outcome =
          switch (answer.failure()) {
            case BAD_URL, REFUSED -> Outcome.PERMANENT;
            case UNRESOLVED, TIMED_OUT, CONNECTION_FAILED -> Outcome.RETRYABLE;
          };
      return result(outcome, null, answer.error(), null, startedAt, start);
    }
    int status = answer.status();
    if (answer.succeeded()) {
      return result(Outcome.SUCCEEDED, status, null, null, startedAt, start);
    }
    if (status == 410) {
      return result(Outcome.GONE, status, "410 Gone", null, startedAt, start);
    }
    if (status == 429 || status >= 500) {
      Duration retryAfter = retryAfter(answer.retryAfter(), Instant.now(clock));
      return result(Outcome.RETRYABLE, status, answer.error(), retryAfter, startedAt, start);
    }
    return result(Outcome.PERMANENT, status, answer.error(), null, startedAt, start);
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
}
