package io.firebell.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the outbox relay (prefix {@code firebell.outbox}). */
@ConfigMapping(prefix = "firebell.outbox")
public interface OutboxConfig {

  /** Whether this instance runs a relay at all. */
  @WithDefault("true")
  boolean relayEnabled();

  /** Rows published per transaction. */
  @WithDefault("500")
  int batchSize();

  /** The fallback poll, for when a NOTIFY was missed (e.g. while the listener reconnected). */
  @WithDefault("PT2S")
  Duration pollInterval();

  /** How long a publish may wait for the broker's acknowledgement before the batch is retried. */
  @WithDefault("PT15S")
  Duration sendTimeout();

  /** The longest pause between retries while Kafka or the database is unavailable. */
  @WithDefault("PT5S")
  Duration maxBackoff();

  /** How long sent rows are kept (for inspection) before they are purged. */
  @WithDefault("PT24H")
  Duration retention();
}
