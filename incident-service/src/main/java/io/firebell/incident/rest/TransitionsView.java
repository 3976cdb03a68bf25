package io.firebell.incident.rest;

import io.firebell.incident.model.ActionKind;
import io.firebell.incident.model.Incident;
import io.firebell.incident.model.IncidentStatus;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where an incident may move from its current status, and what each move needs. */
public record TransitionsView(
    UUID incidentId,
    @Schema(description = "The current status") String status,
    @Schema(description = "The legal moves, in lifecycle order; empty once the incident is closed")
        List<Allowed> allowed,
    @Schema(description = "The values recoveryMethod takes when a move requires it")
        List<String> recoveryMethods) {

  /** One legal move and the request fields it needs besides {@code to}. */
  public record Allowed(
      String to,
      @Schema(description = "e.g. [recoveryMethod] for resolved") List<String> requires) {}

  static TransitionsView of(Incident incident) {
    IncidentStatus from = IncidentStatus.fromWire(incident.getStatus());
    List<Allowed> allowed =
        from.next().stream().map(to -> new Allowed(to.wireName(), to.requires())).toList();
    return new TransitionsView(incident.getId(), from.wireName(), allowed, ActionKind.wireNames());
  }
}
