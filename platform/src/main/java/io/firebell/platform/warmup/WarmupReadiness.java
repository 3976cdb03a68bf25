package io.firebell.platform.warmup;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the alarm path has been warmed (ADR 0141). */
@Readiness
@ApplicationScoped
public class WarmupReadiness implements HealthCheck {

  private final Warmup warmup;

  public WarmupReadiness(Warmup warmup) {
    this.warmup = warmup;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("alarm path warmed up").status(warmup.done()).build();
  }
}
