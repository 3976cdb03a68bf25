package io.firebell.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How consumers treat records they cannot apply, and how long the inbox remembers processed events
 * (prefix {@code firebell.inbox}).
 */
@ConfigMapping(prefix = "firebell.inbox")
public interface InboxConfig {

  /**
   * Attempts at a record's effect before it is parked. An attempt made while the database does not
   * answer is not counted: an outage is waited out, not parked.
   */
  @WithDefault("5")
  int maxAttempts();

  /** The pause after the first failed attempt; it doubles after each further one. */
  @WithDefault("PT0.2S")
  Duration backoff();

  /** The longest pause between attempts (also while the database is unavailable). */
  @WithDefault("PT5S")
  Duration maxBackoff();

  /**
   * How long a processed event's id is kept. It must be longer than any consumed topic keeps a
   * record (its {@code retention.ms} plus {@code segment.ms}: Kafka deletes whole segments), or a
   * re-delivered event would be applied again; purging is suspended while it is not. The longest
   * topic retention in {@code config/topics.tsv} is 30 days.
   */
  @WithDefault("P45D")
  Duration retention();

  /**
   * How often processed events past the retention are purged (a Quarkus scheduler period, e.g.
   * {@code 1h}; {@code off} disables it).
   */
  @WithDefault("1h")
  String purgeEvery();

  /** Rows deleted per purge statement, so that a purge never holds long locks. */
  @WithDefault("5000")
  int purgeBatch();
}
