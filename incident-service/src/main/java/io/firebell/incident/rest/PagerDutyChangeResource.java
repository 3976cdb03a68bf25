package io.firebell.incident.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.firebell.incident.model.ChangeEvent;
import io.firebell.incident.service.ChangeService;
import io.firebell.platform.integration.IntegrationKind;
import io.firebell.platform.integration.IntegrationService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Validator;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * PagerDuty's Change Events API ({@code POST /v2/change/enqueue}), so tools that already send
 * change events to PagerDuty can point at Firebell. The {@code routing_key} is a Firebell
 * integration token of kind change_source or pagerduty; answers use PagerDuty's shapes.
 */
@Path("/v2/change/enqueue")
@Tag(name = "Changes")
public class PagerDutyChangeResource {

  private static final Set<String> ALLOWED =
      Set.of(IntegrationKind.CHANGE_SOURCE.wireName(), IntegrationKind.PAGERDUTY.wireName());

  private static final DateTimeFormatter PAGERDUTY_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]Z");

  private final IntegrationService integrations;
  private final ChangeService changes;
  private final Validator validator;
  private final Clock clock;

  public PagerDutyChangeResource(
      IntegrationService integrations, ChangeService changes, Validator validator, Clock clock) {
    this.integrations = integrations;
    this.changes = changes;
    this.validator = validator;
    this.clock = clock;
  }

  public record Link(String href, String text) {}

  public record Payload(
      String summary,
      String timestamp,
      String source,
      @JsonProperty("custom_details") Map<String, Object> customDetails) {}

  @Schema(description = "A PagerDuty change event.")
  public record ChangeEnqueueRequest(
      @JsonProperty("routing_key") String routingKey, Payload payload, List<Link> links) {}

  /** PagerDuty's answer: {@code status}, {@code message} and, for invalid events, errors. */
  public record PagerDutyResponse(String status, String message, List<String> errors) {}

  @POST
  @PermitAll
  @APIResponse(
      responseCode = "202",
      description = "Recorded: {status: success}",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = PagerDutyResponse.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "Not recorded, in PagerDuty's shape rather than problem+json: {status: invalid event, errors}",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = PagerDutyResponse.class)))
  @Operation(
      summary = "PagerDuty-compatible change event",
      description =
          "routing_key = a Firebell integration token (change_source or pagerduty). payload.summary is required; payload.timestamp is when it happened; the service is custom_details.service, else payload.source; custom_details.kind (default deploy), version, from_version and author are read when present. The fields are checked with the rules of POST /v1/changes (summary at most 1024 characters, service 100, version, from_version and author 200, at most 20 http(s) links of 2000). 202 {status: success}; 400 {status: invalid event} with every error otherwise.")
  public Uni<RestResponse<PagerDutyResponse>> enqueue(ChangeEnqueueRequest request) {
    if (request == null || request.routingKey() == null || request.routingKey().isBlank()) {
      return Uni.createFrom().item(invalid(List.of("'routing_key' is missing or blank")));
    }
    return integrations
        .authenticate(request.routingKey())
        .chain(
            integration -> {
              if (integration == null || !ALLOWED.contains(integration.getKind())) {
                return Uni.createFrom()
                    .item(invalid(List.of("'routing_key' is not a change integration's key")));
              }
              List<String> errors = new ArrayList<>();
              ChangeEvent.Report report = report(request, errors, Instant.now(clock));
              if (!errors.isEmpty()) {
                return Uni.createFrom().item(invalid(errors));
              }
              return changes
                  .record(report, "integration:" + integration.getName())
                  .map(
                      c ->
                          RestResponse.status(
                              Response.Status.ACCEPTED,
                              new PagerDutyResponse("success", "Change event processed", null)));
            });
  }

  /**
   * The change the PagerDuty event describes, checked with the same rules as {@code POST
   * /v1/changes} (its {@link ChangeResource.ChangeRequest} constraints, then {@link
   * ChangeResource#report}); what is wrong goes to {@code errors} in PagerDuty's words.
   */
  private ChangeEvent.Report report(ChangeEnqueueRequest r, List<String> errors, Instant now) {
    Payload p = r.payload();
    if (p == null) {
      errors.add("'payload' is missing");
      return null;
    }
    Instant at = null;
    if (p.timestamp() != null) {
      at = timestamp(p.timestamp());
      if (at == null) {
        errors.add("'payload.timestamp' is not an ISO-8601 time");
      }
    }
    Map<String, Object> details = p.customDetails() == null ? Map.of() : p.customDetails();
    String service = string(details.get("service"));
    if (service == null) {
      service = string(p.source());
    }
    String kind = string(details.get("kind"));
    List<String> links = new ArrayList<>();
    if (r.links() != null) {
      for (Link l : r.links()) {
        if (l == null || l.href() == null) {
          errors.add("'links[].href' must be an http(s) URL");
        } else {
          links.add(l.href());
        }
      }
    }
    ChangeResource.ChangeRequest same =
        new ChangeResource.ChangeRequest(
            kind == null ? "deploy" : kind,
            service,
            p.summary(),
            string(details.get("version")),
            string(details.getOrDefault("from_version", details.get("previous_version"))),
            string(details.getOrDefault("author", details.get("user"))),
            at,
            links);
    validator.validate(same).stream()
        .map(v -> "'" + pagerDutyField(v.getPropertyPath().toString()) + "' " + v.getMessage())
        .sorted()
        .forEach(errors::add);
    if (!errors.isEmpty()) {
      return null;
    }
    try {
      return ChangeResource.report(
          same.kind(),
          same.service(),
          same.summary(),
          same.version(),
          same.fromVersion(),
          same.author(),
          same.occurredAt(),
          same.links(),
          now);
    } catch (io.firebell.platform.problem.ProblemException e) {
      errors.add(e.getMessage());
      return null;
    }
  }

  /** Where a field of {@code /v1/changes} comes from in a PagerDuty change event. */
  private static String pagerDutyField(String changeField) {
    String root = changeField.replaceAll("[\\[.].*$", "");
    return switch (root) {
      case "kind" -> "payload.custom_details.kind";
      case "service" -> "payload.custom_details.service (or payload.source)";
      case "summary" -> "payload.summary";
      case "version" -> "payload.custom_details.version";
      case "fromVersion" -> "payload.custom_details.from_version";
      case "author" -> "payload.custom_details.author";
      case "links" -> "links[].href";
      default -> root;
    };
  }

  /** ISO-8601 with an offset; PagerDuty's own examples write it without a colon ({@code +0000}). */
  private static Instant timestamp(String value) {
    for (DateTimeFormatter f : List.of(DateTimeFormatter.ISO_OFFSET_DATE_TIME, PAGERDUTY_TIME)) {
      try {
        return OffsetDateTime.parse(value, f).toInstant();
      } catch (DateTimeParseException e) {
        // try the next form
      }
    }
    return null;
  }

  private static String string(Object o) {
    if (o == null) {
      return null;
    }
    String s = o.toString().strip();
    return s.isEmpty() ? null : s;
  }

  private static RestResponse<PagerDutyResponse> invalid(List<String> errors) {
    return RestResponse.status(
        Response.Status.BAD_REQUEST,
        new PagerDutyResponse("invalid event", "Event object is invalid", errors));
  }
}
