package io.firebell.platform.integration;

import io.firebell.platform.problem.ProblemException;
import io.firebell.platform.security.IntegrationTokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Integrations and their tokens. */
@ApplicationScoped
public class IntegrationService {

  private final IntegrationRepository integrations;
  private final IntegrationTokenCache tokenCache;
  private final Clock clock;

  public IntegrationService(
      IntegrationRepository integrations, IntegrationTokenCache tokenCache, Clock clock) {
    this.integrations = integrations;
    this.tokenCache = tokenCache;
    this.clock = clock;
  }

  @WithTransaction
  public Uni<Integration.Created> create(String name, IntegrationKind kind, String actor) {
    return integrations
        .findByName(name)
        .chain(
            existing -> {
              if (existing != null) {
                return Uni.createFrom()
                    .failure(
                        ProblemException.conflict(
                            "an integration named '" + name + "' exists already"));
              }
              Integration.Created created =
                  Integration.create(name, kind, actor, Instant.now(clock));
              return integrations.persist(created.integration()).replaceWith(created);
            });
  }

  /**
   * Revokes an integration. Its token is evicted from this instance's cache once the deletion has
   * committed (evicting before would let a lookup racing the commit put it back), so it is refused
   * at once here; other instances evict it when the commit's notification reaches them
   * (IntegrationRevocations), and at the latest when their cached entry expires.
   */
  public Uni<Void> revoke(UUID id) {
    return Panache.withTransaction(
            () ->
                integrations
                    .deleteById(id)
                    .invoke(
                        deleted -> {
                          if (!deleted) {
                            throw ProblemException.notFound("integration", id);
                          }
                        }))
        .invoke(() -> tokenCache.invalidate(id))
        .replaceWithVoid();
  }

  @WithSession
  public Uni<List<Integration>> list() {
    return integrations.listAll(io.quarkus.panache.common.Sort.by("createdAt"));
  }

  /** The integration a presented token belongs to, or null. */
  @WithSession
  public Uni<Integration> authenticate(String token) {
    if (token == null || !token.startsWith(IntegrationTokens.PREFIX)) {
      return Uni.createFrom().nullItem();
    }
    return integrations.findByTokenHash(IntegrationTokens.hash(token));
  }
}
