package io.firebell.detection.metrics;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What one evaluation of a watch saw and decided. */
@Schema(description = "One evaluation of a business-metric watch: what it saw and what it decided.")
public record MetricEvaluation(
    @Schema(description = "The evaluation's id") UUID id,
    @Schema(description = "The watch evaluated") UUID watchId,
    @Schema(description = "The instant the metric was evaluated as of.") Instant asOf,
    @Schema(description = "When the evaluation ran.") Instant evaluatedAt,
    @Schema(description = "scheduled, or manual (POST /v1/metric-watches/{id}/evaluations).")
        String trigger,
    @Schema(
            description =
                "ok; breaching (a rule is broken, fewer times in a row than it asks); drop or"
                    + " spike (that rule's alert fires); insufficient_history (fewer weeks with a"
                    + " value than minWeeks: no rule applied); blind (the source could not be read)")
        String outcome,
    @Schema(description = "The metric's value as of asOf, null when blind.") Double observed,
    @Schema(description = "The median of the history's values, null without enough history.")
        Double baseline,
    @Schema(description = "The values 1…N weeks before asOf (null where the source had none).")
        List<Double> history,
    @Schema(description = "observed / baseline × 100.") Double ratioPercent,
    @Schema(description = "Evaluations in a row below the drop threshold, this one included")
        int dropStreak,
    @Schema(description = "Evaluations in a row above the spike threshold, this one included")
        int spikeStreak,
    @Schema(
            description =
                "The alerts this evaluation started or ended, e.g. \"drop fired\", \"blind"
                    + " resolved\".")
        List<String> changes,
    @Schema(description = "Why the source could not be read (outcome blind).") String error) {}
