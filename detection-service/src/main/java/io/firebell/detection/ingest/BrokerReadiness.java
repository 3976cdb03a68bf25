package io.firebell.detection.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of ingest's broker, as {@link BrokerStatus} last saw it: it never waits on the broker.
 * It replaces Quarkus's Kafka readiness check under the same name, which waits on the admin
 * client's 60-second default timeout while the broker is down (ADR 0111).
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

  static final String CHECK = "Kafka connection health check";

  private final BrokerStatus broker;

  public BrokerReadiness(BrokerStatus broker) {
    this.broker = broker;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named(CHECK)
        .status(broker.up())
        .withData("checked", broker.detail())
        .build();
  }
}
