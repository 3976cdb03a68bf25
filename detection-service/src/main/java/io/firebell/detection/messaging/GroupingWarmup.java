package io.firebell.detection.messaging;

import io.firebell.contracts.EventTypes;
import io.firebell.contracts.detection.AlertBatchReceived;
import io.firebell.contracts.detection.AlertReceived;
import io.firebell.platform.events.EventCodec;
import io.firebell.platform.warmup.WarmupStep;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where this instance groups (the worker, ADR 0106), grouping is warmed before it reports ready
 * (ADR 0141): a firing alert of a route key of its own, applied and rolled back.
 */
@ApplicationScoped
public class GroupingWarmup {

  @Produces
  @ApplicationScoped
  WarmupStep grouping(
      AlertsConsumer alerts,
      EventCodec codec,
      @ConfigProperty(name = "firebell.detection.grouping.enabled", defaultValue = "true")
          boolean grouping) {
    if (!grouping) {
      return WarmupStep.none("grouping (off on this instance)");
    }
    String routeKey = "firebell-warmup/" + UUID.randomUUID();
    return WarmupStep.event(
        alerts,
        codec,
        EventTypes.ALERT_BATCH_RECEIVED,
        () -> {
          Instant now = Instant.now();
          AlertReceived alert =
              new AlertReceived(
                  UUID.randomUUID(),
                  null,
                  "alertmanager",
                  "warmup",
                  "firing",
                  "system",
                  "critical",
                  "firebell-warmup",
                  "firebell-warmup",
                  null,
                  UUID.randomUUID(),
                  routeKey,
                  Map.of("alertname", "FirebellWarmup", "severity", "critical"),
                  Map.of("summary", "warm-up, rolled back"),
                  "warm-up, rolled back",
                  now,
                  null,
                  null,
                  Map.of(),
                  Map.of(),
                  now);
          return new AlertBatchReceived(routeKey, List.of(alert));
        });
  }
}
