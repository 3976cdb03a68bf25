package io.firebell.broadcast.messaging;

import io.firebell.contracts.EventTypes;
import io.firebell.contracts.incident.IncidentDeclared;
import io.firebell.platform.events.EventCodec;
import io.firebell.platform.warmup.WarmupStep;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Ringing the fire alarm is warmed before the service reports ready (ADR 0141): an {@code
 * incident.declared}, projected, rendered for every internal audience and queued for its listeners,
 * then rolled back (nothing is delivered: delivery reads committed rows only).
 */
@ApplicationScoped
public class FireAlarmWarmup {

  @Produces
  @ApplicationScoped
  WarmupStep fireAlarm(IncidentEventsConsumer consumer, EventCodec codec) {
    return WarmupStep.event(
        consumer,
        codec,
        EventTypes.INCIDENT_DECLARED,
        () -> {
          Instant now = Instant.now();
          return new IncidentDeclared(
              UUID.randomUUID(),
              "INC-WARMUP",
              "firebell-warmup: warm-up, rolled back",
              "warm-up, rolled back",
              "SEV2",
              "investigating",
              List.of("firebell-warmup"),
              List.of("firebell-warmup"),
              null,
              null,
              "system_alarm",
              now,
              now,
              now,
              "detection",
              UUID.randomUUID(),
              null);
        });
  }
}
