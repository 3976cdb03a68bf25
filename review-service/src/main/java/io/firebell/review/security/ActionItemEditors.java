package io.firebell.review.security;

import io.firebell.platform.security.DataAuthorization;
import io.firebell.platform.security.Roles;
import io.firebell.review.repository.ActionItemRepository;
import io.firebell.review.repository.IncidentFactRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.UUID;

/**
 * Who may change an action item: its owner, a reviewer or the incident's commander, decided from
 * the path's {@code id} before the body is read. {@code ActionItemService} checks it again.
 */
@ApplicationScoped
public class ActionItemEditors implements DataAuthorization {

  private final ActionItemRepository items;
  private final IncidentFactRepository facts;

  public ActionItemEditors(ActionItemRepository items, IncidentFactRepository facts) {
    this.items = items;
    this.facts = facts;
  }

  @Override
  public Uni<Void> authorize(SecurityIdentity caller, MultivaluedMap<String, String> path) {
    UUID id = ReportEditors.uuid(path.getFirst("id"));
    if (caller.hasRole(Roles.REVIEWER) || id == null) {
      return Uni.createFrom().voidItem();
    }
    String name = caller.getPrincipal().getName();
    return Panache.withSession(
        () ->
            items
                .findById(id)
                .chain(
                    item ->
                        item == null || name.equals(item.getOwner())
                            ? Uni.createFrom().voidItem()
                            : facts
                                .findById(item.getIncidentId())
                                .invoke(fact -> ReportEditors.refuseUnlessCommander(caller, fact))
                                .replaceWithVoid()));
  }
}
