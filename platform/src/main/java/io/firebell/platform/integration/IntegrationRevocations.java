package io.firebell.platform.integration;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Evicts revoked integrations from this instance's {@link IntegrationTokenCache} when another
 * instance (or this one) deletes them: a trigger sends {@code NOTIFY firebell_integration_revoked}
 * with the integration's id, which PostgreSQL delivers to every listener when the deletion commits.
 * While the listening connection is down, notifications are lost; on every (re)connect the whole
 * cache is cleared, and the cache's TTL bounds the time in between (ADR 0031).
 */
@ApplicationScoped
public class IntegrationRevocations {

  static final String CHANNEL = "firebell_integration_revoked";
  private static final Logger LOG = Logger.getLogger(IntegrationRevocations.class);

  private final IntegrationTokenCache cache;
  private final Vertx vertx;
  private final String datasourceUrl;
  private final String datasourceUser;
  private final String datasourcePassword;
  private PgSubscriber subscriber;

  public IntegrationRevocations(
      IntegrationTokenCache cache,
      Vertx vertx,
      @ConfigProperty(name = "quarkus.datasource.reactive.url") String datasourceUrl,
      @ConfigProperty(name = "quarkus.datasource.username") String datasourceUser,
      @ConfigProperty(name = "quarkus.datasource.password") String datasourcePassword) {
    this.cache = cache;
    this.vertx = vertx;
    this.datasourceUrl = datasourceUrl;
    this.datasourceUser = datasourceUser;
    this.datasourcePassword = datasourcePassword;
  }

  void start(@Observes StartupEvent event) {
    PgConnectOptions options =
        PgConnectOptions.fromUri(datasourceUrl.replaceFirst("^vertx-reactive:", ""));
    options.setUser(datasourceUser).setPassword(datasourcePassword);
    subscriber = PgSubscriber.subscriber(vertx, options);
    subscriber.reconnectPolicy(retries -> 1_000L);
    subscriber.channel(CHANNEL).handler(this::revoked);
    // Revocations sent while not listening are lost: forget every cached token.
    subscriber.channel(CHANNEL).subscribeHandler(cache::clear);
    subscriber
        .connect()
        .subscribe()
        .with(
            ok -> LOG.debug("listening on " + CHANNEL),
            failure ->
                LOG.warn(
                    "integration revocations: LISTEN failed, cached tokens expire by their TTL"
                        + " until it reconnects: "
                        + failure.getMessage()));
  }

  void stop(@Observes ShutdownEvent event) {
    if (subscriber != null) {
      subscriber.closeAndForget();
    }
  }

  private void revoked(String payload) {
    try {
      cache.invalidate(UUID.fromString(payload));
    } catch (IllegalArgumentException e) {
      cache.clear();
    }
  }
}
