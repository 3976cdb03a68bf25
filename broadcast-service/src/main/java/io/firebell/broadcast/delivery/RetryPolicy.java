package io.firebell.broadcast.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try again: exponential backoff with full jitter over the configured schedule, or the
 * receiver's {@code Retry-After} (capped), and when to give up.
 */
@ApplicationScoped
public class RetryPolicy {

  private final List<Duration> schedule;
  private final Duration retryAfterMax;

  @Inject
  public RetryPolicy(DeliveryConfig config) {
    this(config.retrySchedule(), config.retryAfterMax());
  }

  RetryPolicy(List<Duration> schedule, Duration retryAfterMax) {
    this.schedule = List.copyOf(schedule);
    this.retryAfterMax = retryAfterMax;
  }

  /**
   * The next attempt after a failed one, or null to give up.
   *
   * @param failedAttemptInRun which attempt since the delivery was (re)queued failed, from 1
   */
  public Instant nextAttempt(AttemptResult result, int failedAttemptInRun, Instant now) {
    if (result.outcome() != AttemptResult.Outcome.RETRYABLE
        || failedAttemptInRun > schedule.size()) {
      return null;
    }
    if (result.retryAfter() != null) {
      Duration wait = result.retryAfter();
      return now.plus(wait.compareTo(retryAfterMax) > 0 ? retryAfterMax : wait);
    }
    long boundMs = Math.max(1, schedule.get(failedAttemptInRun - 1).toMillis());
    long waitMs = 1 + ThreadLocalRandom.current().nextLong(boundMs);
    return now.plusMillis(waitMs);
  }

  public int attemptsPerRun() {
    return schedule.size() + 1;
  }
}
