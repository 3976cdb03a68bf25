package io.firebell.incident.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One timeline entry. */
public record TimelineEntryView(
    UUID id,
    @Schema(
            description =
                "declared, alert_group_linked, updated, status_changed, resolved, closed, role_assigned, role_override, participant_joined, action_recorded or note")
        String kind,
    String actor,
    Instant at,
    String summary,
    @Schema(description = "The event behind the entry, as published; null for notes")
        JsonNode details) {}
