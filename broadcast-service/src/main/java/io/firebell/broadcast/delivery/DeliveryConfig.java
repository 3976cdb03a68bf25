package io.firebell.broadcast.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;

/** How deliveries are sent, retried and recorded ({@code firebell.broadcast.delivery.*}). */
@ConfigMapping(prefix = "firebell.broadcast.delivery")
public interface DeliveryConfig {

  /** Whether this instance runs a dispatcher (an instance that only serves the API may not). */
  @WithDefault("true")
  boolean enabled();

  /** Per-request timeout: connect, and no answer within it. */
  @WithDefault("10s")
  Duration timeout();

  /**
   * Upper bounds of the waits before retry 1, 2, …: each wait is drawn uniformly from (0, bound]
   * (exponential backoff with full jitter). After the last one the delivery is dead-lettered.
   * Defaults follow the Standard Webhooks recommendation.
   */
  @WithName("retry-schedule")
  @WithDefault("5s,5m,30m,2h,5h,10h,10h")
  List<Duration> retrySchedule();

  /** The longest {@code Retry-After} honoured; a longer one is cut to this. */
  @WithDefault("1h")
  Duration retryAfterMax();

  /** Requests in flight at once over all endpoints (each endpoint has at most one). */
  @WithDefault("4000")
  int maxInFlight();

  /** Connections per receiver host:port. */
  @WithDefault("1000")
  int maxConnectionsPerHost();

  /** Deliveries claimed per query. */
  @WithDefault("1000")
  int claimBatch();

  /** Results recorded per transaction. */
  @WithDefault("1000")
  int resultBatch();

  /** How long results wait to be recorded together. */
  @WithDefault("20ms")
  Duration resultFlushDelay();

  /** Fallback poll for due retries and missed notifications. */
  @WithDefault("500ms")
  Duration pollInterval();

  /**
   * A claim holds a delivery for {@code timeout + lease-margin}; if the instance dies meanwhile,
   * another (or the restarted one) sends it again after that.
   */
  @WithDefault("30s")
  Duration leaseMargin();

  /** How long a rotated-out webhook secret keeps being signed with. */
  @WithDefault("24h")
  Duration secretRotationGrace();

  CircuitBreaker circuitBreaker();

  /** Per endpoint: after N consecutive failed attempts, postpone its deliveries for a while. */
  interface CircuitBreaker {
    @WithDefault("5")
    int failureThreshold();

    /** How long the circuit stays open before one half-open probe. */
    @WithDefault("60s")
    Duration openDuration();
  }
}
