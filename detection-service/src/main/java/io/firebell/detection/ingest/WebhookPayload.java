package io.firebell.detection.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.firebell.detection.model.AlertStatus;
import io.firebell.platform.problem.Problem;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The webhook body of Prometheus Alertmanager (version "4") and of Grafana Alerting (version "1",
 * which adds {@code orgId}, {@code title}, {@code state}, {@code message} and per-alert links and
 * values), field for field as the tools send it. Unknown fields are ignored.
 *
 * <p>The payload's own fields are checked by Bean Validation; its alerts by {@link #alertErrors()}
 * in one plain loop (the constraints on {@link Alert} document them), because cascading validation
 * over every alert of every request cost more than a twentieth of ingest's CPU.
 */
public record WebhookPayload(
    @NotBlank String version,
    String groupKey,
    Integer truncatedAlerts,
    @NotNull
        @Pattern(regexp = AlertStatus.FIRING_OR_RESOLVED, message = "must be firing or resolved")
        String status,
    String receiver,
    Map<String, String> groupLabels,
    Map<String, String> commonLabels,
    Map<String, String> commonAnnotations,
    @JsonProperty("externalURL") String externalUrl,
    @NotEmpty List<Alert> alerts,
    // Grafana extras
    Long orgId,
    String title,
    String state,
    String message) {

  /** What is wrong with the alerts, as Bean Validation would name it; empty when nothing is. */
  public List<Problem.FieldError> alertErrors() {
    List<Problem.FieldError> errors = new ArrayList<>();
    for (int i = 0; i < alerts.size(); i++) {
      Alert a = alerts.get(i);
      String at = "alerts[" + i + "]";
      if (a == null) {
        errors.add(new Problem.FieldError(at, "must not be null"));
        continue;
      }
      AlertStatus alertStatus = AlertStatus.fromWire(a.status());
      if (alertStatus != AlertStatus.FIRING && alertStatus != AlertStatus.RESOLVED) {
        errors.add(new Problem.FieldError(at + ".status", "must be firing or resolved"));
      }
      if (a.labels() == null || a.labels().isEmpty()) {
        errors.add(new Problem.FieldError(at + ".labels", "must not be empty"));
      }
      if (a.startsAt() == null) {
        errors.add(new Problem.FieldError(at + ".startsAt", "must not be null"));
      }
    }
    return errors;
  }

  public record Alert(
      @NotNull
          @Pattern(regexp = AlertStatus.FIRING_OR_RESOLVED, message = "must be firing or resolved")
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
