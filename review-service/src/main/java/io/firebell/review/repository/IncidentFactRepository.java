package io.firebell.review.repository;

import io.firebell.review.model.IncidentFact;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

@ApplicationScoped
public class IncidentFactRepository implements PanacheRepositoryBase<IncidentFact, UUID> {

  /**
   * The incidents matching {@code where} (positional parameters ?1, ?2, ...), loaded read-only: the
   * session keeps no snapshot of them and its automatic flush before a later query does not compare
   * them with one. For the reports and metrics that read hundreds of incidents and change none (ADR
   * 0152); Panache's reactive queries take no hints.
   */
  public Uni<List<IncidentFact>> listReadOnly(String where, Object... params) {
    return Panache.getSession()
        .chain(
            session -> {
              Mutiny.SelectionQuery<IncidentFact> query =
                  session.createSelectionQuery(
                      "from IncidentFact where " + where, IncidentFact.class);
              for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
              }
              return query.setReadOnly(true).getResultList();
            });
  }
}
