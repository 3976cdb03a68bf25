package io.firebell.broadcast.delivery;

import io.firebell.broadcast.model.Endpoint;
import io.firebell.broadcast.repository.EndpointRepository;
import io.firebell.platform.db.BulkWork;
import io.firebell.platform.outbound.OutboundUrlCheck;
import io.firebell.platform.problem.ProblemException;
import io.firebell.platform.secrets.SecretBox;
import io.firebell.platform.webhooks.StandardWebhooks;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Registering, changing and removing endpoints; every URL passes the outbound guard first (refused:
 * 422 naming the address class), and a webhook endpoint gets a fresh Standard Webhooks secret.
 */
@ApplicationScoped
public class EndpointRegistry {

  static final int DELETE_BATCH = 500;

  private final EndpointRepository endpoints;
  private final OutboundUrlCheck urlCheck;
  private final BulkWork bulk;
  private final DeliveryConfig config;
  private final SecretBox secretBox;
  private final Clock clock;

  public EndpointRegistry(
      EndpointRepository endpoints,
      OutboundUrlCheck urlCheck,
      DeliveryConfig config,
      SecretBox secretBox,
      BulkWork bulk,
      Clock clock) {
    this.endpoints = endpoints;
    this.urlCheck = urlCheck;
    this.bulk = bulk;
    this.config = config;
    this.secretBox = secretBox;
    this.clock = clock;
  }

  /** What changes with a PATCH; null fields stay as they are. */
  public record Change(String name, String url, Boolean enabled) {}

  /**
   * An endpoint with the plaintext of a secret it was just given (null for slack/teams): the only
   * moment it is known outside the sealed column.
   */
  public record WithSecret(Endpoint endpoint, String secret) {}

  /**
   * Fails with 422 if the URL's host is an ambiguous IPv4 literal, resolves to an address the
   * outbound guard refuses, or does not resolve.
   */
  public Uni<Void> checkUrl(String url) {
    return urlCheck.check("url", url);
  }

  @WithTransaction
  @WithSpan("EndpointRegistry.create")
  public Uni<WithSecret> create(String name, String kind, String url) {
    Instant now = Instant.now(clock);
    String secret = Endpoint.WEBHOOK.equals(kind) ? StandardWebhooks.newSecret() : null;
    Endpoint endpoint = Endpoint.create(name, kind, url, secretBox.seal(secret), now);
    return endpoints.persist(endpoint).map(saved -> new WithSecret(saved, secret));
  }

  public Uni<List<Endpoint>> page(Instant afterAt, UUID afterId, int limit) {
    return endpoints.page(afterAt, afterId, limit);
  }

  public Uni<Endpoint> get(UUID id) {
    return endpoints
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("endpoint", id));
  }

  @WithTransaction
  @WithSpan("EndpointRegistry.change")
  public Uni<Endpoint> change(UUID id, Change change) {
    return get(id)
        .map(
            endpoint -> {
              if (change.name() != null) {
                endpoint.name = change.name();
              }
              if (change.url() != null) {
                endpoint.url = change.url();
              }
              if (change.enabled() != null) {
                endpoint.enabled = change.enabled();
                endpoint.disabledReason = change.enabled() ? null : "disabled by an admin";
              }
              endpoint.updatedAt = Instant.now(clock);
              return endpoint;
            });
  }

  /**
   * Removes an endpoint with its deliveries (and their attempts) and subscriptions, in the bulk
   * lane: the deliveries in batches of {@value #DELETE_BATCH}, a short transaction each, skipping
   * rows the dispatcher is recording right now, then the endpoint row with what is left. Neither a
   * queue of thousands nor a busy dispatcher holds a connection or a lock for long (issue 19).
   */
  @WithSpan("EndpointRegistry.delete")
  public Uni<Void> delete(UUID id) {
    return bulk.run(
        () ->
            Panache.withSession(() -> get(id))
                .chain(() -> deleteDeliveries(id))
                .chain(() -> deleteEndpoint(id)));
  }

  private Uni<Void> deleteDeliveries(UUID endpointId) {
    return Panache.withTransaction(
            () ->
                Panache.getSession()
                    .chain(
                        session ->
                            session
                                .createNativeQuery(
                                    "delete from delivery where id in (select id from delivery"
                                        + " where endpoint_id = ?1 limit ?2 for update skip"
                                        + " locked)")
                                .setParameter(1, endpointId)
                                .setParameter(2, DELETE_BATCH)
                                .executeUpdate()))
        .chain(
            deleted ->
                deleted < DELETE_BATCH
                    ? Uni.createFrom().voidItem()
                    : deleteDeliveries(endpointId));
  }

  /** The row itself (SQL, not the entity: the dispatcher may have bumped its version). */
  private Uni<Void> deleteEndpoint(UUID id) {
    return Panache.withTransaction(
            () ->
                Panache.getSession()
                    .chain(
                        session ->
                            session
                                .createNativeQuery("delete from endpoint where id = ?1")
                                .setParameter(1, id)
                                .executeUpdate()))
        .invoke(
            deleted -> {
              if (deleted == 0) {
                throw ProblemException.notFound("endpoint", id);
              }
            })
        .replaceWithVoid();
  }

  /**
   * A new secret; the old one is signed with too until the grace period ends, or never again when
   * {@code revokePrevious} (the old one leaked).
   */
  @WithTransaction
  @WithSpan("EndpointRegistry.rotateSecret")
  public Uni<WithSecret> rotateSecret(UUID id, boolean revokePrevious) {
    return get(id)
        .map(
            endpoint -> {
              if (!endpoint.isWebhook()) {
                throw ProblemException.conflict(
                    "endpoint "
                        + id
                        + " is a "
                        + endpoint.kind
                        + " endpoint; only webhook endpoints have a signing secret");
              }
              Instant now = Instant.now(clock);
              String secret = StandardWebhooks.newSecret();
              endpoint.rotateSecret(
                  secretBox.seal(secret),
                  revokePrevious ? null : now.plus(config.secretRotationGrace()),
                  now);
              return new WithSecret(endpoint, secret);
            });
  }
}
