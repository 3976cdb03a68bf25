package io.firebell.broadcast.messaging;

import io.firebell.contracts.EventTypes;
import io.firebell.contracts.incident.IncidentDeclared;
import io.firebell.platform.events.EventCodec;
import io.firebell.platform.warmup.Warmup;
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
    return WarmupStep.consumer(
        consumer,
        () -> {
          Instant now = Instant.now();
          UUID incident = UUID.randomUUID();
          IncidentDeclared declared =
              new IncidentDeclared(
                  incident,
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
          return Warmup.record(
              EventTypes.INCIDENT_DECLARED.topic(),
              incident.toString(),
              EventTypes.INCIDENT_DECLARED.name(),
              codec.toJson(declared));
        });
  }
}
