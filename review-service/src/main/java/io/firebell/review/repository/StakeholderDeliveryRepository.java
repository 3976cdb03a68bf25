package io.firebell.review.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The audiences an incident's announcements and updates reached ({@code stakeholder_delivery}), one
 * row per incident and audience, counted.
 */
@ApplicationScoped
public class StakeholderDeliveryRepository {

  /** Counts one successful delivery; runs in the caller's (the inbox's) transaction. */
  public Uni<Void> delivered(UUID incidentId, String audience, Instant at) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "insert into stakeholder_delivery (incident_id, audience, deliveries, first_delivered_at, last_delivered_at)"
                            + " values (:incident, :audience, 1, :at, :at)"
                            + " on conflict (incident_id, audience) do update set"
                            + " deliveries = stakeholder_delivery.deliveries + 1,"
                            + " first_delivered_at = least(stakeholder_delivery.first_delivered_at, excluded.first_delivered_at),"
                            + " last_delivered_at = greatest(stakeholder_delivery.last_delivered_at, excluded.last_delivered_at)")
                    .setParameter("incident", incidentId)
                    .setParameter("audience", audience)
                    .setParameter("at", at)
                    .executeUpdate())
        .replaceWithVoid();
  }

  /** The audiences reached, first reached first. */
  public Uni<List<String>> audiences(UUID incidentId) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "select audience from stakeholder_delivery where incident_id = :incident"
                            + " order by first_delivered_at, audience",
                        String.class)
                    .setParameter("incident", incidentId)
                    .getResultList());
  }
}
