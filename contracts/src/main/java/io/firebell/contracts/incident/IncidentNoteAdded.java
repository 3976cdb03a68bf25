package io.firebell.contracts.incident;

import io.firebell.contracts.FirebellEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * Someone added a note to the incident's timeline (what they saw, heard or decided). Open pages
 * learn from it that the timeline grew.
 *
 * @param incidentId the incident; the record key
 * @param author who wrote it (user id)
 * @param text the note as written, never null or blank
 * @param addedAt when
 */
public record IncidentNoteAdded(UUID incidentId, String author, String text, Instant addedAt)
    implements FirebellEvent {

  @Override
  public String aggregateId() {
    return incidentId.toString();
  }
}
