package io.firebell.contracts.broadcast;

import io.firebell.contracts.Copies;
import io.firebell.contracts.FirebellEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The communications lead published a stakeholder update: current status, expected recovery and
 * follow-up actions, rendered per audience and delivered by broadcast-service. review-service puts
 * it on the report's timeline.
 *
 * <p><b>Record key:</b> the incident id, not the update id, so that one incident's updates and
 * their deliveries ({@code delivery.*}, also keyed by incident) arrive in order on one partition.
 *
 * <p>Expected recovery is either a time ({@code expectedRecoveryAt}) or unknown ({@code
 * expectedRecoveryAt} null) with the time of the next update ({@code nextUpdateAt}). An update for
 * an external audience always has one of the two, and at least one follow-up action; an
 * internal-only update may have neither.
 *
 * @param updateId the update
 * @param incidentId the incident; the record key
 * @param status {@code investigating}, {@code identified}, {@code monitoring} or {@code resolved}
 * @param impact the impact in service language
 * @param expectedRecoveryAt when service is expected back, or null when unknown
 * @param nextUpdateAt when the next update will be published, or null
 * @param followUpActions what happens to affected orders, payments, compensation…; possibly empty
 *     for internal-only updates
 * @param audiences the audiences it was published to (audience keys such as {@code customers},
 *     {@code store_owners}, {@code riders}, {@code dev_org})
 * @param author the communicator who published it
 * @param publishedAt when
 */
public record UpdatePublished(
    UUID updateId,
    UUID incidentId,
    String status,
    String impact,
    Instant expectedRecoveryAt,
    Instant nextUpdateAt,
    List<String> followUpActions,
    List<String> audiences,
    String author,
    Instant publishedAt)
    implements FirebellEvent {

  public UpdatePublished {
    followUpActions = Copies.list(followUpActions);
    audiences = Copies.list(audiences);
  }

  /** The incident id: an incident's updates and deliveries share one partition, in order. */
  @Override
  public String aggregateId() {
    return incidentId.toString();
  }
}
