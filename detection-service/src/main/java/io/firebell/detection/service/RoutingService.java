package io.firebell.detection.service;

import io.firebell.detection.model.Domain;
import io.firebell.detection.model.Route;
import io.firebell.detection.repository.DomainRepository;
import io.firebell.detection.repository.EscalationPolicyRepository;
import io.firebell.detection.repository.RouteRepository;
import io.firebell.detection.routing.RouteCache;
import io.firebell.platform.problem.ProblemException;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Routes and domains. Every change reloads this instance's routing table at once. */
@ApplicationScoped
public class RoutingService {

  private final RouteRepository routes;
  private final DomainRepository domains;
  private final EscalationPolicyRepository policies;
  private final RouteCache cache;
  private final Clock clock;

  public RoutingService(
      RouteRepository routes,
      DomainRepository domains,
      EscalationPolicyRepository policies,
      RouteCache cache,
      Clock clock) {
    this.routes = routes;
    this.domains = domains;
    this.policies = policies;
    this.cache = cache;
    this.clock = clock;
  }

  @WithSession
  public Uni<List<Route>> routes() {
    return routes.listAll(Sort.ascending("catchAll", "position", "createdAt"));
  }

  @WithSession
  public Uni<Route> route(UUID id) {
    return routes
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("route", id));
  }

  /**
   * Adds a route at {@code position} (1-based among the ordered routes), or last before catch-all.
   */
  @WithSpan("RoutingService.create")
  public Uni<Route> create(Route.Definition d, Integer position) {
    return createTx(d, position).call(cache::reload);
  }

  @WithTransaction
  Uni<Route> createTx(Route.Definition d, Integer position) {
    Instant now = Instant.now(clock);
    return requireDomain(d.domain())
        .chain(() -> unique(d.name(), null))
        .chain(() -> routes.list("catchAll = false", Sort.ascending("position", "createdAt")))
        .chain(
            existing -> {
              int at =
                  position == null
                      ? existing.size()
                      : Math.max(0, Math.min(position - 1, existing.size()));
              Route route = Route.create(d, at, now);
              for (int i = 0; i < existing.size(); i++) {
                existing.get(i).moveTo(i < at ? i : i + 1, now);
              }
              return routes.persist(route);
            });
  }

  @WithSpan("RoutingService.update")
  public Uni<Route> update(UUID id, Route.Definition d, Integer position) {
    return updateTx(id, d, position).call(cache::reload);
  }

  @WithTransaction
  Uni<Route> updateTx(UUID id, Route.Definition d, Integer position) {
    Instant now = Instant.now(clock);
    return routes
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("route", id))
        .call(() -> requireDomain(d.domain()))
        .call(r -> r.isCatchAll() ? Uni.createFrom().voidItem() : unique(d.name(), id))
        .call(
            r -> {
              if (r.isCatchAll() && !d.matchers().isEmpty()) {
                return Uni.createFrom()
                    .failure(
                        ProblemException.invalid(
                            "matchers", "the catch-all route matches everything; it has none"));
              }
              r.apply(d, now);
              if (position == null || r.isCatchAll()) {
                return Uni.createFrom().voidItem();
              }
              return routes
                  .list(
                      "catchAll = false and id <> ?1", Sort.ascending("position", "createdAt"), id)
                  .invoke(
                      others -> {
                        int at = Math.max(0, Math.min(position - 1, others.size()));
                        others.add(at, r);
                        for (int i = 0; i < others.size(); i++) {
                          others.get(i).moveTo(i, now);
                        }
                      });
            });
  }

  @WithSpan("RoutingService.delete")
  public Uni<Void> delete(UUID id) {
    return deleteTx(id).call(cache::reload);
  }

  @WithTransaction
  Uni<Void> deleteTx(UUID id) {
    return routes
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("route", id))
        .chain(
            r -> {
              if (r.isCatchAll()) {
                return Uni.createFrom()
                    .failure(
                        ProblemException.conflict(
                            "the catch-all route cannot be deleted; change its domain instead"));
              }
              return routes.delete(r);
            });
  }

  @WithSession
  public Uni<List<Domain>> domains() {
    return domains.listAll(Sort.ascending("name"));
  }

  @WithSession
  public Uni<Domain> domain(String name) {
    return domains
        .findById(name)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("domain", name));
  }

  /** Creates or updates a domain; true when it was created. */
  @WithTransaction
  @WithSpan("RoutingService.putDomain")
  public Uni<Boolean> putDomain(String name, String description, UUID policy) {
    Instant now = Instant.now(clock);
    Uni<Void> check =
        policy == null
            ? Uni.createFrom().voidItem()
            : policies
                .findById(policy)
                .onItem()
                .ifNull()
                .failWith(
                    () ->
                        ProblemException.invalid(
                            "escalationPolicyId", "no escalation policy " + policy))
                .replaceWithVoid();
    return check.chain(
        () ->
            domains
                .findById(name)
                .chain(
                    d -> {
                      if (d == null) {
                        return domains
                            .persist(Domain.create(name, description, policy, now))
                            .replaceWith(true);
                      }
                      d.update(description, policy, now);
                      return Uni.createFrom().item(false);
                    }));
  }

  /** Fails with 400 (field {@code domain}) unless the domain exists. */
  public Uni<Void> requireDomain(String name) {
    return domains
        .findById(name)
        .onItem()
        .ifNull()
        .failWith(
            () ->
                ProblemException.invalid(
                    "domain", "no domain '" + name + "'; create it with PUT /v1/domains/" + name))
        .replaceWithVoid();
  }

  private Uni<Void> unique(String name, UUID self) {
    return routes
        .find("name", name)
        .firstResult()
        .chain(
            r ->
                r != null && !r.getId().equals(self)
                    ? Uni.createFrom()
                        .failure(ProblemException.conflict("a route named '" + name + "' exists"))
                    : Uni.createFrom().voidItem());
  }
}
