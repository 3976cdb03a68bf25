package io.firebell.platform.integration;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class IntegrationRepository implements PanacheRepositoryBase<Integration, UUID> {

  public Uni<Integration> findByName(String name) {
    return find("name", name).firstResult();
  }

  public Uni<Integration> findByTokenHash(String hash) {
    return find("tokenHash", hash).firstResult();
  }
}
