package io.firebell.broadcast.service;

import io.firebell.broadcast.model.Audience;
import io.firebell.broadcast.repository.AudienceRepository;
import io.firebell.platform.problem.ProblemException;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The audiences Firebell talks to: seeded by the migration, extended by admins. */
@ApplicationScoped
public class AudienceService {

  private final AudienceRepository audiences;
  private final MessageRenderer renderer;
  private final Clock clock;

  public AudienceService(AudienceRepository audiences, MessageRenderer renderer, Clock clock) {
    this.audiences = audiences;
    this.renderer = renderer;
    this.clock = clock;
  }

  /**
   * What an admin says about an audience.
   *
   * @param updateTemplate the audience's own update template; null: none on create, unchanged on
   *     change; empty: none (its register's)
   */
  public record Definition(
      String name, String scope, String register, String description, String updateTemplate) {}

  /** The audience's own template, or null when it speaks in its register's words. */
  private static String own(String template) {
    return template == null || template.isEmpty() ? null : template;
  }

  @WithSession
  public Uni<List<Audience>> list() {
    return audiences.list("order by scope desc, key");
  }

  @WithSession
  public Uni<Audience> get(String key) {
    return audiences
        .findById(key)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("audience", key));
  }

  @WithTransaction
  @WithSpan("AudienceService.create")
  public Uni<Audience> create(String key, Definition d) {
    String template = own(d.updateTemplate());
    renderer.requireUsable(template);
    return audiences
        .findById(key)
        .chain(
            existing -> {
              if (existing != null) {
                return Uni.createFrom()
                    .failure(ProblemException.conflict("audience " + key + " already exists"));
              }
              return audiences.persist(
                  new Audience(
                      key,
                      d.name(),
                      d.scope(),
                      d.register(),
                      d.description(),
                      template,
                      Instant.now(clock)));
            });
  }

  @WithTransaction
  @WithSpan("AudienceService.change")
  public Uni<Audience> change(String key, Definition d) {
    renderer.requireUsable(own(d.updateTemplate()));
    return audiences
        .findById(key)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("audience", key))
        .invoke(
            a ->
                a.change(
                    d.name(),
                    d.scope(),
                    d.register(),
                    d.description(),
                    d.updateTemplate() == null ? a.updateTemplate() : own(d.updateTemplate()),
                    Instant.now(clock)));
  }

  /** Removes the audience and its subscriptions; past updates keep its key in their record. */
  @WithTransaction
  @WithSpan("AudienceService.delete")
  public Uni<Void> delete(String key) {
    return audiences
        .deleteById(key)
        .invoke(
            deleted -> {
              if (!deleted) {
                throw ProblemException.notFound("audience", key);
              }
            })
        .replaceWithVoid();
  }
}
