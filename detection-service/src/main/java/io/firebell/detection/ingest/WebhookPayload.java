package io.firebell.detection.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The webhook body of Prometheus Alertmanager (version "4") and of Grafana Alerting (version "1",
 * which adds {@code orgId}, {@code title}, {@code state}, {@code message} and per-alert links and
 * values), field for field as the tools send it. Unknown fields are ignored.
 */
public record WebhookPayload(
    @NotBlank String version,
    String groupKey,
    Integer truncatedAlerts,
    @NotNull @Pattern(regexp = "firing|resolved", message = "must be firing or resolved")
        String status,
    String receiver,
    Map<String, String> groupLabels,
    Map<String, String> commonLabels,
    Map<String, String> commonAnnotations,
    @JsonProperty("externalURL") String externalUrl,
    @NotEmpty List<@Valid @NotNull Alert> alerts,
    // Grafana extras
    Long orgId,
    String title,
    String state,
    String message) {

  public record Alert(
      @NotNull @Pattern(regexp = "firing|resolved", message = "must be firing or resolved")
          String status,
      @NotEmpty Map<String, String> labels,
      Map<String, String> annotations,
      @NotNull OffsetDateTime startsAt,
      OffsetDateTime endsAt,
      @JsonProperty("generatorURL") String generatorUrl,
      String fingerprint,
      // Grafana extras
      @JsonProperty("silenceURL") String silenceUrl,
      @JsonProperty("dashboardURL") String dashboardUrl,
      @JsonProperty("panelURL") String panelUrl,
      @JsonProperty("imageURL") String imageUrl,
      Map<String, JsonNode> values,
      String valueString) {}
}
