package io.firebell.incident.model;

import io.firebell.platform.json.MergePatch;
import io.firebell.platform.json.Patch;
import io.firebell.platform.problem.ProblemException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Changes to an incident's fields, as a JSON merge patch (RFC 7396): a field left out stays as it
 * is, {@code null} clears it (where an incident may be without it), a value sets it. Status is not
 * one of them: it moves only through {@link Incident#transition}.
 */
@MergePatch.ReadOnly(
    field = "status",
    hint = "status changes go through POST /v1/incidents/{id}/transitions")
@Schema(
    description =
        "JSON merge patch (RFC 7396) of an incident: a field left out stays as it is, null clears it, a value sets it. Other fields are refused, status included (it changes through /transitions). Services, domains and stakeholder groups (e.g. customers, store_owners) are lists of names of up to 100 characters; null empties a list, and the incident keeps at least one service or domain.",
    additionalProperties = Schema.False.class)
public record IncidentPatch(
    @Schema(implementation = String.class, maxLength = 200, description = "Cannot be cleared")
        Patch<String> title,
    @Schema(implementation = String.class, maxLength = 4000, nullable = true) Patch<String> summary,
    @Schema(
            implementation = String.class,
            maxLength = 20,
            description = "A grade of the severity policy, e.g. SEV2; cannot be cleared")
        Patch<String> severity,
    @Schema(type = SchemaType.ARRAY, implementation = String.class, nullable = true)
        Patch<List<String>> services,
    @Schema(type = SchemaType.ARRAY, implementation = String.class, nullable = true)
        Patch<List<String>> domains,
    @Schema(type = SchemaType.ARRAY, implementation = String.class, nullable = true)
        Patch<List<String>> stakeholderGroups,
    @Schema(implementation = String.class, maxLength = 4000, nullable = true)
        Patch<String> impactScope,
    @Schema(implementation = String.class, maxLength = 4000, nullable = true)
        Patch<String> customerImpact,
    @Schema(
            implementation = String.class,
            maxLength = 2000,
            nullable = true,
            description = "An http(s) URL")
        Patch<String> warRoomUrl,
    @Schema(
            implementation = String.class,
            description =
                "system_alarm, business_metric, external_integration, cs_inquiry, partner_report, employee or manual; cannot be cleared")
        Patch<String> detectionMethod,
    @Schema(implementation = String.class, maxLength = 500, nullable = true) Patch<String> location,
    @Schema(implementation = Instant.class, nullable = true) Patch<Instant> occurredAt,
    @Schema(implementation = Instant.class, description = "Cannot be cleared")
        Patch<Instant> detectedAt,
    @Schema(implementation = Instant.class, nullable = true) Patch<Instant> acknowledgedAt,
    @Schema(implementation = Instant.class, nullable = true) Patch<Instant> mitigatedAt,
    @Schema(
            implementation = String.class,
            maxLength = 100,
            nullable = true,
            description =
                "The external partner concerned, a key such as pg-kcp: required while detectionMethod is partner_report, allowed with external_integration, refused otherwise")
        Patch<String> partner,
    @Schema(
            implementation = Boolean.class,
            nullable = true,
            description =
                "Did traffic surge? true: the recovery suggestion starts with scale-out; false: ruled out; null: unknown. Set from the detection signal when it reads as a surge")
        Patch<Boolean> trafficSurge)
    implements MergePatch {

  /**
   * This patch with every field it sets checked and tidied (the title and names stripped, names
   * without repeats, a cleared list empty).
   *
   * @throws ProblemException 400 naming the first field that is wrong, or when nothing is set
   */
  public IncidentPatch checked() {
    if (Stream.of(
            title,
            summary,
            severity,
            services,
            domains,
            stakeholderGroups,
            impactScope,
            customerImpact,
            warRoomUrl,
            detectionMethod,
            location,
            occurredAt,
            detectedAt,
            acknowledgedAt,
            mitigatedAt,
            partner,
            trafficSurge)
        .noneMatch(Patch::isPresent)) {
      throw ProblemException.badRequest("nothing to change");
    }
    return new IncidentPatch(
        text("title", title, 200)
            .map(
                v -> {
                  if (v == null || v.isBlank()) {
                    throw ProblemException.invalid("title", "must not be blank");
                  }
                  return v.strip();
                }),
        text("summary", summary, 4000),
        required("severity", text("severity", severity, 20)),
        names("services", services),
        names("domains", domains),
        names("stakeholderGroups", stakeholderGroups),
        text("impactScope", impactScope, 4000),
        text("customerImpact", customerImpact, 4000),
        text("warRoomUrl", warRoomUrl, 2000)
            .map(
                v -> {
                  if (v != null && !v.matches("https?://\\S+")) {
                    throw ProblemException.invalid("warRoomUrl", "must be an http(s) URL");
                  }
                  return v;
                }),
        detectionMethod.map(
            v -> {
              if (v == null || DetectionMethod.fromWire(v) == null) {
                throw ProblemException.invalid(
                    "detectionMethod", "must be one of " + DetectionMethod.wireNames());
              }
              return v;
            }),
        text("location", location, 500),
        occurredAt,
        required("detectedAt", detectedAt),
        acknowledgedAt,
        mitigatedAt,
        text("partner", partner, 100).map(v -> v == null || v.isBlank() ? null : v.strip()),
        trafficSurge);
  }

  private static Patch<String> text(String field, Patch<String> patch, int max) {
    return patch.map(
        v -> {
          if (v != null && v.length() > max) {
            throw ProblemException.invalid(field, "must be at most " + max + " characters");
          }
          return v;
        });
  }

  private static <T> Patch<T> required(String field, Patch<T> patch) {
    if (patch.isCleared()) {
      throw ProblemException.invalid(field, "cannot be cleared");
    }
    return patch;
  }

  private static Patch<List<String>> names(String field, Patch<List<String>> patch) {
    return patch.map(
        v -> {
          if (v == null) {
            return List.of();
          }
          Set<String> names = new LinkedHashSet<>();
          for (String name : v) {
            if (name == null || name.isBlank() || name.length() > 100) {
              throw ProblemException.invalid(
                  field, "must hold non-blank names of up to 100 characters");
            }
            names.add(name.strip());
          }
          return List.copyOf(names);
        });
  }
}
