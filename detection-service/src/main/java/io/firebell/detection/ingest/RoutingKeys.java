package io.firebell.detection.ingest;

import io.firebell.platform.integration.IntegrationAuthenticator;
import io.firebell.platform.integration.IntegrationTokenCache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Authenticates PagerDuty {@code routing_key}s (integration tokens in the body) exactly as bearer
 * tokens are: through the platform's authenticator and its token cache, so revoking an integration
 * refuses its routing key as promptly as its bearer token.
 */
@ApplicationScoped
public class RoutingKeys {

  private final IntegrationAuthenticator authenticator;

  public RoutingKeys(IntegrationAuthenticator authenticator) {
    this.authenticator = authenticator;
  }

  /** The integration of the key, or null when no integration has it. */
  public Uni<IntegrationTokenCache.Entry> authenticate(String routingKey) {
    return authenticator.find(routingKey);
  }
}
