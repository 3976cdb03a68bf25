package io.firebell.incident.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Declare with the confirmed minimum: a title and a service or a domain. */
@Schema(
    description =
        "Declare an incident: title plus at least one service or domain; everything else is optional and can be filled in later.")
public record DeclareIncidentRequest(
    @NotBlank @Size(max = 200) String title,
    @Size(max = 4000) String summary,
    @Schema(
            description =
                "Severity grade from the policy (e.g. SEV2); the policy default when absent")
        String severity,
    @Schema(description = "A service affected, e.g. order-api") @Size(max = 100) String service,
    @Schema(description = "The owning domain, e.g. order") @Size(max = 100) String domain,
    List<@NotBlank @Size(max = 100) String> services,
    List<@NotBlank @Size(max = 100) String> domains,
    @Size(max = 2000) String impactScope,
    @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") @Size(max = 2000)
        String warRoomUrl,
    @Schema(
            description =
                "system_alarm, business_metric, external_integration, cs_inquiry, partner_report, employee or manual (default)")
        String detectionMethod,
    @Schema(description = "When the trouble started, if known (backdated)") Instant occurredAt,
    @Schema(description = "When it was noticed; the declaration time when absent")
        Instant detectedAt,
    @Schema(
            description =
                "The external partner concerned, a key such as pg-kcp (lower-case letters, digits, . _ -; up to 100): required when detectionMethod is partner_report, allowed with external_integration, refused otherwise")
        @Size(max = 100)
        String partner) {}
