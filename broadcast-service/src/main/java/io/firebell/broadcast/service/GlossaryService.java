package io.firebell.broadcast.service;

import io.firebell.broadcast.model.GlossaryTerm;
import io.firebell.broadcast.repository.GlossaryTermRepository;
import io.firebell.platform.problem.ProblemException;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The glossary of system terms the jargon check looks for in service-register texts. */
@ApplicationScoped
public class GlossaryService {

  private final GlossaryTermRepository terms;
  private final Clock clock;

  public GlossaryService(GlossaryTermRepository terms, Clock clock) {
    this.terms = terms;
    this.clock = clock;
  }

  @WithSession
  public Uni<List<GlossaryTerm>> list() {
    return terms.list("order by lower(term)");
  }

  /** The glossary inside the caller's session or transaction. */
  public Uni<List<GlossaryTerm>> all() {
    return terms.listAll();
  }

  /** Terms are unique regardless of case: "DB" and "db" are the same term. */
  @WithTransaction
  @WithSpan("GlossaryService.create")
  public Uni<GlossaryTerm> create(String term, String suggestion) {
    return find(term)
        .chain(
            existing -> {
              if (existing != null) {
                return Uni.createFrom()
                    .failure(
                        ProblemException.conflict("the glossary already has " + existing.term()));
              }
              return terms.persist(new GlossaryTerm(term, suggestion, Instant.now(clock)));
            });
  }

  @WithTransaction
  @WithSpan("GlossaryService.change")
  public Uni<GlossaryTerm> change(String term, String suggestion) {
    return find(term)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("glossary term", term))
        .invoke(t -> t.suggest(suggestion, Instant.now(clock)));
  }

  @WithTransaction
  @WithSpan("GlossaryService.delete")
  public Uni<Void> delete(String term) {
    return find(term)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("glossary term", term))
        .chain(terms::delete);
  }

  private Uni<GlossaryTerm> find(String term) {
    return terms.find("lower(term) = lower(?1)", term.strip()).firstResult();
  }
}
