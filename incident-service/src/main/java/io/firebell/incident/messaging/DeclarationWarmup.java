package io.firebell.incident.messaging;

import io.firebell.contracts.EventTypes;
import io.firebell.contracts.detection.DeclarationRequested;
import io.firebell.platform.events.EventCodec;
import io.firebell.platform.warmup.WarmupStep;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Declaring an incident for an alert group is warmed before the service reports ready (ADR 0141): a
 * {@code declaration-requested}, applied and rolled back (its reference is not taken from the
 * sequence, see {@code IncidentRepository.nextReference}).
 */
@ApplicationScoped
public class DeclarationWarmup {

  @Produces
  @ApplicationScoped
  WarmupStep declarations(DetectionEventsConsumer consumer, EventCodec codec) {
    return WarmupStep.event(
        consumer,
        codec,
        EventTypes.DECLARATION_REQUESTED,
        () -> {
          Instant now = Instant.now();
          return new DeclarationRequested(
              UUID.randomUUID(),
              "firebell-warmup",
              "firebell-warmup",
              "system",
              "critical",
              null,
              now,
              now,
              "warm-up, rolled back",
              Map.of("alertname", "FirebellWarmup"),
              null,
              null,
              true,
              null,
              now);
        });
  }
}
