package io.firebell.broadcast.service;

import io.firebell.broadcast.model.Endpoint;
import io.firebell.broadcast.model.Subscription;
import io.firebell.broadcast.repository.AudienceRepository;
import io.firebell.broadcast.repository.EndpointRepository;
import io.firebell.broadcast.repository.SubscriptionRepository;
import io.firebell.platform.problem.ProblemException;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Which endpoint listens to which audience, and for what. */
@ApplicationScoped
public class SubscriptionService {

  private final SubscriptionRepository subscriptions;
  private final AudienceRepository audiences;
  private final EndpointRepository endpoints;
  private final Clock clock;

  public SubscriptionService(
      SubscriptionRepository subscriptions,
      AudienceRepository audiences,
      EndpointRepository endpoints,
      Clock clock) {
    this.subscriptions = subscriptions;
    this.audiences = audiences;
    this.endpoints = endpoints;
    this.clock = clock;
  }

  /** The kinds of incident a subscription can listen to (incident-service's detection methods). */
  public static final List<String> KINDS =
      List.of(
          "system_alarm",
          "business_metric",
          "external_integration",
          "cs_inquiry",
          "partner_report",
          "employee",
          "manual");

  /** Filters of a new subscription; empty lists and a null severity match everything. */
  public record Filters(
      List<String> domains, List<String> services, String minSeverity, List<String> kinds) {}

  @WithSession
  public Uni<List<Subscription>> list(String audience, UUID endpointId, int limit) {
    StringBuilder query = new StringBuilder("1 = 1");
    Map<String, Object> params = new HashMap<>();
    if (audience != null) {
      query.append(" and audienceKey = :audience");
      params.put("audience", audience);
    }
    if (endpointId != null) {
      query.append(" and endpointId = :endpoint");
      params.put("endpoint", endpointId);
    }
    query.append(" order by createdAt, id");
    return subscriptions.find(query.toString(), params).page(0, limit).list();
  }

  @WithSession
  public Uni<Subscription> get(UUID id) {
    return subscriptions
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("subscription", id));
  }

  @WithTransaction
  @WithSpan("SubscriptionService.create")
  public Uni<Subscription> create(String audienceKey, UUID endpointId, Filters filters) {
    if (filters.kinds() != null) {
      for (String kind : filters.kinds()) {
        if (!KINDS.contains(kind.strip())) {
          throw ProblemException.invalid("kinds", "each must be one of " + KINDS);
        }
      }
    }
    return audiences
        .findById(audienceKey)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.unprocessable("audience " + audienceKey + " is unknown"))
        .chain(() -> endpoints.findById(endpointId))
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.unprocessable("endpoint " + endpointId + " is unknown"))
        .chain(
            (Endpoint endpoint) ->
                subscriptions.count(
                    "audienceKey = ?1 and endpointId = ?2", audienceKey, endpointId))
        .chain(
            existing -> {
              if (existing > 0) {
                return Uni.createFrom()
                    .failure(
                        ProblemException.conflict(
                            "endpoint "
                                + endpointId
                                + " already subscribes to audience "
                                + audienceKey));
              }
              return subscriptions.persist(
                  new Subscription(
                      UUID.randomUUID(),
                      audienceKey,
                      endpointId,
                      distinct(filters.domains()),
                      distinct(filters.services()),
                      filters.minSeverity(),
                      distinct(filters.kinds()),
                      Instant.now(clock)));
            });
  }

  @WithTransaction
  @WithSpan("SubscriptionService.delete")
  public Uni<Void> delete(UUID id) {
    return subscriptions
        .deleteById(id)
        .invoke(
            deleted -> {
              if (!deleted) {
                throw ProblemException.notFound("subscription", id);
              }
            })
        .replaceWithVoid();
  }

  private static List<String> distinct(List<String> values) {
    List<String> out = new ArrayList<>();
    if (values != null) {
      values.stream().map(String::strip).distinct().forEach(out::add);
    }
    return out;
  }
}
