package io.firebell.incident.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Small request bodies of the incident endpoints. */
final class IncidentRequests {

  private IncidentRequests() {}

  @Schema(description = "Move the incident along its lifecycle.")
  record TransitionRequest(
      @NotBlank
          @Schema(
              description = "investigating, identified, monitoring, resolved or closed",
              example = "identified")
          String to,
      @Schema(
              description =
                  "Required when resolving: how service was restored (scale_out, rollback, hotfix, replace, isolate, failover, restart, config_change, other)")
          String recoveryMethod,
      @Size(max = 4000) @Schema(description = "What the responder saw or did") String note) {}

  @Schema(description = "A note on the timeline.")
  record NoteRequest(@NotBlank @Size(max = 8000) String text) {}
}
