package io.firebell.platform.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the outbox relay listens for commits (ADR 0131): before that, an event written by
 * the first request (the first incident's declaration) would wait for the relay's fallback poll,
 * seconds, instead of being published at once.
 */
@Readiness
@ApplicationScoped
public class OutboxReadiness implements HealthCheck {

  private final OutboxRelay relay;

  public OutboxReadiness(OutboxRelay relay) {
    this.relay = relay;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("outbox relay woken by NOTIFY")
        .status(relay.wokenAtOnce())
        .build();
  }
}
