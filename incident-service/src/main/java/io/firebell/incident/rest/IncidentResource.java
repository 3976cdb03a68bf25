package io.firebell.incident.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.incident.model.ActionKind;
import io.firebell.incident.model.Declaration;
import io.firebell.incident.model.DetectionMethod;
import io.firebell.incident.model.Incident;
import io.firebell.incident.model.IncidentPatch;
import io.firebell.incident.model.IncidentStatus;
import io.firebell.incident.model.TimelineEntry;
import io.firebell.incident.repository.IncidentRepository;
import io.firebell.incident.service.IncidentService;
import io.firebell.incident.service.RecoveryActionService;
import io.firebell.platform.json.MergePatch;
import io.firebell.platform.problem.ProblemException;
import io.firebell.platform.rest.CursorPage;
import io.firebell.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/v1/incidents")
@Tag(name = "Incidents")
public class IncidentResource {

  private final IncidentService service;
  private final RecoveryActionService recovery;
  private final SecurityIdentity identity;
  private final ObjectMapper mapper;

  public IncidentResource(
      IncidentService service,
      RecoveryActionService recovery,
      SecurityIdentity identity,
      ObjectMapper mapper) {
    this.service = service;
    this.recovery = recovery;
    this.identity = identity;
    this.mapper = mapper;
  }

  @POST
  @RolesAllowed(Roles.RESPONDER)
  @Operation(
      summary = "Declare an incident",
      description =
          "Rings the fire alarm: the incident and its incident.declared event commit together. Only a title and a service or domain are required; severity defaults by policy.")
  public Uni<RestResponse<IncidentView>> declare(
      @Valid @NotNull DeclareIncidentRequest request, UriInfo uri) {
    Declaration declaration = toDeclaration(request);
    String actor = identity.getPrincipal().getName();
    return service
        .declare(declaration, actor)
        .map(
            incident ->
                RestResponse.ResponseBuilder.<IncidentView>create(Response.Status.CREATED)
                    .location(
                        uri.getAbsolutePathBuilder().path(incident.getId().toString()).build())
                    .header(HttpHeaders.ETAG, IncidentView.etag(incident))
                    .entity(IncidentView.of(incident))
                    .type(MediaType.APPLICATION_JSON)
                    .build());
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "List incidents",
      description =
          "Newest declaration first, filtered by status, severity (both repeatable), service, domain and a declaration time range [since, until). Cursor-paginated: pass nextCursor as cursor.")
  public Uni<CursorPage<IncidentView>> list(
      @QueryParam("status") List<String> statuses,
      @QueryParam("severity") List<String> severities,
      @QueryParam("service") String serviceName,
      @QueryParam("domain") String domain,
      @Parameter(description = "Declared at or after (ISO-8601)") @QueryParam("since") String since,
      @Parameter(description = "Declared before (ISO-8601)") @QueryParam("until") String until,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    for (String s : statuses) {
      if (IncidentStatus.fromWire(s) == null) {
        throw ProblemException.invalid("status", "must be one of " + IncidentStatus.wireNames());
      }
    }
    int size = CursorPage.limit(limit);
    CursorPage.After after = CursorPage.after(cursor);
    IncidentRepository.Filter filter =
        new IncidentRepository.Filter(
            statuses,
            severities,
            blankToNull(serviceName),
            blankToNull(domain),
            instant("since", since),
            instant("until", until),
            after.at(),
            after.id(),
            size);
    return service
        .list(filter)
        .map(
            rows ->
                CursorPage.of(
                    rows, size, IncidentView::of, i -> i.getDeclaredAt() + "|" + i.getId()));
  }

  @GET
  @Path("/{id}")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "One incident",
      description =
          "Answers with an ETag (the incident's version) to send back as If-Match. Carries the recovery suggestion: what to do first by the playbook's order (traffic surge: scale out; else a change in the 24 h before: roll it back; a hotfix only when no rollback is possible), computed from the traffic-surge observation, the rollback candidates and the actions taken.")
  public Uni<RestResponse<IncidentView>> get(@PathParam("id") UUID id) {
    return service
        .get(id)
        .chain(
            incident ->
                recovery
                    .suggest(id)
                    .map(
                        suggestion ->
                            RestResponse.ResponseBuilder.ok(IncidentView.of(incident, suggestion))
                                .header(HttpHeaders.ETAG, IncidentView.etag(incident))
                                .build()));
  }

  @PATCH
  @Path("/{id}")
  @RolesAllowed(Roles.RESPONDER)
  @Consumes({MediaType.APPLICATION_JSON, MergePatch.MEDIA_TYPE})
  @Operation(
      summary = "Change fields of an incident",
      description =
          "JSON merge patch (RFC 7396): a field left out stays as it is, null clears an optional one, a value sets it. Fields: title, summary, severity, services, domains, stakeholderGroups, impactScope, customerImpact, warRoomUrl, detectionMethod, location, occurredAt, detectedAt, acknowledgedAt, mitigatedAt, partner, trafficSurge; any other field is refused. Status changes go through /transitions. Send If-Match with the ETag you read: 412 when someone changed the incident since. Publishes incident.updated.")
  public Uni<RestResponse<IncidentView>> update(
      @PathParam("id") UUID id,
      @Parameter(description = "The ETag from GET; 412 when it is not current")
          @HeaderParam(HttpHeaders.IF_MATCH)
          String ifMatch,
      IncidentPatch patch) {
    Long expected = IfMatch.version(ifMatch);
    if (patch == null) {
      throw ProblemException.badRequest("the body must be a JSON object of fields to change");
    }
    return service
        .update(id, expected, patch.checked(), identity.getPrincipal().getName())
        .map(IncidentResource::withEtag);
  }

  @GET
  @Path("/{id}/transitions")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "Where the incident may move next",
      description =
          "The legal moves from the current status, each with the fields it requires besides to (resolved: recoveryMethod), and the recovery methods. A closed incident has none.")
  public Uni<TransitionsView> transitions(@PathParam("id") UUID id) {
    return service.get(id).map(TransitionsView::of);
  }

  @POST
  @Path("/{id}/transitions")
  @RolesAllowed(Roles.RESPONDER)
  @Operation(
      summary = "Move the incident along its lifecycle",
      description =
          "investigating ⇄ identified ⇄ monitoring → resolved → closed. Resolving needs a recoveryMethod; closing only after resolved; resolved and closed are final. Illegal moves are 409. Publishes incident.status-changed, plus incident.resolved or incident.closed. If-Match is honoured like PATCH.")
  public Uni<RestResponse<IncidentView>> transition(
      @PathParam("id") UUID id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @Valid @NotNull IncidentRequests.TransitionRequest request) {
    IncidentStatus to = IncidentStatus.fromWire(request.to());
    if (to == null) {
      throw ProblemException.invalid("to", "must be one of " + IncidentStatus.wireNames());
    }
    ActionKind method = null;
    if (request.recoveryMethod() != null) {
      method = ActionKind.fromWire(request.recoveryMethod());
      if (method == null) {
        throw ProblemException.invalid(
            "recoveryMethod", "must be one of " + ActionKind.wireNames());
      }
    }
    return service
        .transition(
            id,
            to,
            method,
            blankToNull(request.note()),
            IfMatch.version(ifMatch),
            identity.getPrincipal().getName())
        .map(IncidentResource::withEtag);
  }

  @GET
  @Path("/{id}/timeline")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "The incident's timeline",
      description =
          "Append-only, oldest first: declaration, linked alert group, every change, transition, role, participant, recovery action and note, with actor and time. Cursor-paginated.")
  public Uni<CursorPage<TimelineEntryView>> timeline(
      @PathParam("id") UUID id,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    int size = CursorPage.limit(limit);
    Long after = CursorPage.seq(cursor);
    return service
        .timeline(id, after == null ? 0 : after, size + 1)
        .map(rows -> CursorPage.of(rows, size, this::view, e -> String.valueOf(e.getSeq())));
  }

  @POST
  @Path("/{id}/timeline")
  // JSON only: a text/plain note otherwise reached RESTEasy's String-constructor reader (a 500).
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.RESPONDER, Roles.COMMUNICATOR})
  @Operation(
      summary = "Add a note to the timeline",
      description =
          "Notes are kept forever, like every timeline entry; 409 once the incident is closed.")
  public Uni<RestResponse<TimelineEntryView>> addNote(
      @PathParam("id") UUID id, @Valid @NotNull IncidentRequests.NoteRequest request) {
    return service
        .addNote(id, request.text(), identity.getPrincipal().getName())
        .map(e -> RestResponse.status(Response.Status.CREATED, view(e)));
  }

  private TimelineEntryView view(TimelineEntry e) {
    JsonNode details = null;
    if (e.getDetails() != null) {
      try {
        details = mapper.readTree(e.getDetails());
      } catch (JsonProcessingException ex) {
        throw new IllegalStateException("timeline entry " + e.getId() + " has bad details", ex);
      }
    }
    return new TimelineEntryView(
        e.getId(), e.getKind(), e.getActor(), e.getAt(), e.getSummary(), details);
  }

  static RestResponse<IncidentView> withEtag(Incident incident) {
    return RestResponse.ResponseBuilder.ok(IncidentView.of(incident))
        .header(HttpHeaders.ETAG, IncidentView.etag(incident))
        .build();
  }

  static Instant instant(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ProblemException.invalid(
          field, "must be an ISO-8601 UTC time, e.g. 2026-03-12T10:57:30Z");
    }
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static Declaration toDeclaration(DeclareIncidentRequest r) {
    List<String> services = merge(r.service(), r.services());
    List<String> domains = merge(r.domain(), r.domains());
    if (services.isEmpty() && domains.isEmpty()) {
      throw ProblemException.invalid("service", "a service or a domain is required");
    }
    DetectionMethod method =
        r.detectionMethod() == null
            ? DetectionMethod.MANUAL
            : DetectionMethod.fromWire(r.detectionMethod());
    if (method == null) {
      throw ProblemException.invalid(
          "detectionMethod", "must be one of " + DetectionMethod.wireNames());
    }
    if (r.occurredAt() != null
        && r.detectedAt() != null
        && r.detectedAt().isBefore(r.occurredAt())) {
      throw ProblemException.invalid("detectedAt", "cannot be before occurredAt");
    }
    return new Declaration(
        r.title(),
        r.summary(),
        r.severity(),
        services,
        domains,
        r.impactScope(),
        r.warRoomUrl(),
        method,
        r.occurredAt(),
        r.detectedAt(),
        null,
        Incident.checkedPartner(method.wireName(), blankToNull(r.partner())),
        null);
  }

  private static List<String> merge(String one, List<String> many) {
    Set<String> all = new LinkedHashSet<>();
    if (one != null && !one.isBlank()) {
      all.add(one.strip());
    }
    if (many != null) {
      many.forEach(s -> all.add(s.strip()));
    }
    return List.copyOf(all);
  }
}
