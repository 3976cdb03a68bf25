package io.firebell.detection.ingest;

import io.firebell.detection.config.DetectionConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * The broker check, which a test can make remember a broker it saw: the window between a broker's
 * loss and the next check (up to {@code broker-check-interval}), in which ingest still hands its
 * records to the producer. Enabled only by the test profile that selects it.
 */
@Alternative
@Singleton // not a proxied scope: BrokerStatus has no no-args constructor to proxy it with
public class StaleBrokerStatus extends BrokerStatus {

  private volatile boolean stale;

  public StaleBrokerStatus(
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, DetectionConfig config) {
    super(kafkaConfig, config);
  }

  /** Whether {@link #up()} answers what a check saw before the broker went away. */
  public void rememberTheBrokerUp(boolean stale) {
    this.stale = stale;
  }

  /** Whether the real check (this instance's own) sees the broker. */
  public boolean checkedUp() {
    return super.up();
  }

  @Override
  public boolean up() {
    return stale || super.up();
  }
}
