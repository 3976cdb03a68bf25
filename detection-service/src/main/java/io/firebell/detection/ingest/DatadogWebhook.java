package io.firebell.detection.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;

/**
 * The body Firebell's Datadog webhook template produces (docs/detection.md): Datadog's {@code $…}
 * variables, named as in Datadog. {@code date} and {@code lastUpdated} are epoch milliseconds.
 */
public record DatadogWebhook(
    String id,
    @JsonProperty("alert_cycle_key") @NotBlank String alertCycleKey,
    @JsonProperty("alert_id") String alertId,
    @JsonProperty("alert_transition") @NotBlank String alertTransition,
    @JsonProperty("alert_type") String alertType,
    @JsonProperty("alert_priority") String alertPriority,
    @JsonProperty("alert_status") String alertStatus,
    @JsonProperty("alert_metric") String alertMetric,
    @JsonProperty("alert_query") String alertQuery,
    @JsonProperty("alert_scope") String alertScope,
    @NotBlank String title,
    String body,
    String date,
    @JsonProperty("last_updated") String lastUpdated,
    String tags,
    String hostname,
    String link,
    @JsonProperty("org_id") String orgId,
    @JsonProperty("org_name") String orgName) {}
