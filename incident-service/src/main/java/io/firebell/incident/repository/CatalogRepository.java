package io.firebell.incident.repository;

import io.firebell.incident.model.CatalogEntry;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
@WithSession
public class CatalogRepository implements PanacheRepositoryBase<CatalogEntry, String> {

  public Uni<List<CatalogEntry>> inDomain(String domain) {
    return list("domain = ?1 order by name", domain);
  }

  public Uni<List<CatalogEntry>> all() {
    return list("order by name");
  }
}
