package io.firebell.broadcast.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * What one HTTP attempt came to.
 *
 * @param outcome how to go on
 * @param httpStatus the answer's status, or null without an answer
 * @param error one line on what went wrong, null on success
 * @param retryAfter the receiver's {@code Retry-After}, or null
 * @param startedAt when the attempt started
 * @param durationMs how long it took
 */
public record AttemptResult(
    Outcome outcome,
    Integer httpStatus,
    String error,
    Duration retryAfter,
    Instant startedAt,
    long durationMs) {

  public enum Outcome {
    /** 2xx. */
    SUCCEEDED,
    /** Network error, timeout, 429 or 5xx: worth another try. */
    RETRYABLE,
    /** 3xx, another 4xx, a refused address or a bad URL: retrying will not help. */
    PERMANENT,
    /** 410 Gone: the receiver says it is gone for good; the endpoint is disabled. */
    GONE
  }
}
