package io.firebell.detection.ingest;

import io.firebell.detection.model.AlertStatus;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Firebell's native alert event, for scripts and tools without a webhook format of their own.
 *
 * @param id the sender's identity of the alert, stable across re-sends (the dedup key)
 * @param status {@code firing} (default) or {@code resolved}
 * @param title one line
 * @param severity critical, error, warning or info (other common words are mapped)
 * @param labels routing and grouping labels (e.g. service, domain, alertname)
 */
public record NativeEvent(
    @NotBlank @Size(max = 500) String id,
    @Pattern(regexp = AlertStatus.FIRING_OR_RESOLVED, message = "must be firing or resolved")
        String status,
    @NotBlank @Size(max = 1000) String title,
    @Size(max = 10000) String description,
    String severity,
    Map<String, String> labels,
    Map<String, String> annotations,
    OffsetDateTime startsAt,
    OffsetDateTime endsAt,
    String sourceUrl,
    Map<String, String> links) {}
