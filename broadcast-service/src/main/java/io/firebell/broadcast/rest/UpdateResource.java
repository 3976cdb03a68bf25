package io.firebell.broadcast.rest;

import io.firebell.broadcast.model.Announcement;
import io.firebell.broadcast.model.StakeholderUpdate;
import io.firebell.broadcast.security.UpdateAuthors;
import io.firebell.broadcast.service.JargonCheck;
import io.firebell.broadcast.service.UpdateService;
import io.firebell.platform.problem.ProblemException;
import io.firebell.platform.security.AuthorizedBeforeBody;
import io.firebell.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/incidents/{incidentId}/updates")
@Tag(name = "Updates")
public class UpdateResource {

  private final UpdateService updates;
  private final SecurityIdentity identity;

  public UpdateResource(UpdateService updates, SecurityIdentity identity) {
    this.updates = updates;
    this.identity = identity;
  }

  public record UpdateRequest(
      @Schema(description = "investigating, identified, monitoring or resolved") String status,
      @NotBlank @Size(max = 4000) @Schema(description = "The impact, in service language")
          String impact,
      @Schema(description = "When service is expected back (UTC); or use recoveryUnknown")
          Instant expectedRecoveryAt,
      @Schema(description = "true when the recovery time is not known yet; then nextUpdateAt")
          Boolean recoveryUnknown,
      @Schema(description = "When the next update will come") Instant nextUpdateAt,
      @Size(max = 20) List<@NotBlank @Size(max = 1000) String> followUpActions,
      @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 63) String> audiences) {}

  public record TextView(String audience, String scope, String register, String text) {}

  public record UpdateView(
      UUID id,
      UUID incidentId,
      String status,
      String impact,
      Instant expectedRecoveryAt,
      boolean recoveryUnknown,
      Instant nextUpdateAt,
      List<String> followUpActions,
      List<String> audiences,
      String author,
      Instant publishedAt,
      int recipients,
      List<TextView> texts,
      List<JargonCheck.Finding> findings) {}

  public record PreviewView(
      UUID incidentId,
      List<TextView> texts,
      List<JargonCheck.Finding> findings,
      @Schema(description = "What the three-item rule finds missing; publishing would be refused")
          List<String> missing,
      int recipients) {}

  public record TimelineEntry(
      String kind,
      UUID id,
      Instant at,
      List<String> audiences,
      int recipients,
      Map<String, String> texts,
      String status,
      String impact,
      Instant expectedRecoveryAt,
      Instant nextUpdateAt,
      List<String> followUpActions,
      String author) {}

  @POST
  @RolesAllowed(Roles.COMMUNICATOR)
  @AuthorizedBeforeBody(UpdateAuthors.class)
  @Operation(
      summary = "Publish a stakeholder update",
      description =
          "Status, impact in service language, expected recovery (expectedRecoveryAt, or"
              + " recoveryUnknown=true with nextUpdateAt) and follow-up actions, to the given"
              + " audiences. An update to any external audience without all three of status,"
              + " expected recovery and a follow-up is refused (422 naming each missing item);"
              + " the incident's recovery lead may not post (403). Renders a text per audience,"
              + " publishes update.published and queues a delivery to every matching endpoint, in"
              + " one transaction.")
  public Uni<Response> publish(
      @PathParam("incidentId") UUID incidentId, @Valid @NotNull UpdateRequest r) {
    return updates
        .publish(incidentId, checked(r), caller())
        .map(p -> Response.status(201).entity(view(p.update(), p.rendering())).build());
  }

  @POST
  @Path("/preview")
  @RolesAllowed(Roles.COMMUNICATOR)
  @Operation(
      summary = "Render an update without publishing it",
      description =
          "Each audience's text, the jargon findings, what the three-item rule finds missing and"
              + " how many endpoints would receive it. Nothing is stored or sent.")
  public Uni<PreviewView> preview(
      @PathParam("incidentId") UUID incidentId, @Valid @NotNull UpdateRequest r) {
    return updates
        .preview(incidentId, checked(r))
        .map(
            rendering ->
                new PreviewView(
                    incidentId,
                    texts(rendering),
                    rendering.findings(),
                    rendering.missing(),
                    rendering.recipients()));
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "The communication timeline",
      description = "The incident's fire-alarm announcement and its updates, oldest first.")
  public Uni<List<TimelineEntry>> timeline(@PathParam("incidentId") UUID incidentId) {
    return updates.timeline(incidentId).map(UpdateResource::entries);
  }

  static List<TimelineEntry> entries(UpdateService.Timeline t) {
    List<TimelineEntry> entries = new ArrayList<>();
    for (Announcement a : t.announcements()) {
      entries.add(
          new TimelineEntry(
              "announcement",
              a.id(),
              a.sentAt(),
              a.audiences(),
              a.recipients(),
              a.texts(),
              null,
              null,
              null,
              null,
              List.of(),
              null));
    }
    for (StakeholderUpdate u : t.updates()) {
      entries.add(
          new TimelineEntry(
              "update",
              u.id(),
              u.publishedAt(),
              u.audiences(),
              u.recipients(),
              u.texts(),
              u.status(),
              u.impact(),
              u.expectedRecoveryAt(),
              u.nextUpdateAt(),
              u.followUpActions(),
              u.author()));
    }
    entries.sort(Comparator.comparing(TimelineEntry::at));
    return entries;
  }

  private static UpdateService.Checked checked(UpdateRequest r) {
    if (r.status() != null && !StakeholderUpdate.STATUSES.contains(r.status())) {
      throw ProblemException.invalid("status", "must be one of " + StakeholderUpdate.STATUSES);
    }
    boolean unknown = Boolean.TRUE.equals(r.recoveryUnknown());
    if (unknown && r.expectedRecoveryAt() != null) {
      throw ProblemException.invalid(
          "recoveryUnknown", "give either expectedRecoveryAt or recoveryUnknown=true, not both");
    }
    List<String> audiences = List.copyOf(new LinkedHashSet<>(r.audiences()));
    if (audiences.size() != r.audiences().size()) {
      throw ProblemException.invalid("audiences", "lists an audience twice");
    }
    return new UpdateService.Checked(
        new StakeholderUpdate.Draft(
            r.status(),
            r.impact(),
            r.expectedRecoveryAt(),
            r.nextUpdateAt(),
            r.followUpActions(),
            audiences),
        unknown);
  }

  private UpdateService.Caller caller() {
    return UpdateService.Caller.of(identity);
  }

  private static List<TextView> texts(UpdateService.Rendering rendering) {
    return rendering.texts().stream()
        .map(t -> new TextView(t.audience(), t.scope(), t.register(), t.text()))
        .toList();
  }

  private static UpdateView view(StakeholderUpdate u, UpdateService.Rendering rendering) {
    return new UpdateView(
        u.id(),
        u.incidentId(),
        u.status(),
        u.impact(),
        u.expectedRecoveryAt(),
        u.expectedRecoveryAt() == null,
        u.nextUpdateAt(),
        u.followUpActions(),
        u.audiences(),
        u.author(),
        u.publishedAt(),
        u.recipients(),
        texts(rendering),
        rendering.findings());
  }
}
