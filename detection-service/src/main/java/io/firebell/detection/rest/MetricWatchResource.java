package io.firebell.detection.rest;

import io.firebell.detection.config.DetectionConfig;
import io.firebell.detection.metrics.MetricEvaluation;
import io.firebell.detection.metrics.MetricWatchService;
import io.firebell.detection.model.MetricWatch;
import io.firebell.detection.routing.Severity;
import io.firebell.platform.outbound.OutboundGuard;
import io.firebell.platform.outbound.OutboundUrlCheck;
import io.firebell.platform.problem.ProblemException;
import io.firebell.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Business-metric watches ({@code /v1/metric-watches}): admins define them, viewers read them. */
@Path("/v1/metric-watches")
@Tag(name = "Business metrics")
public class MetricWatchResource {

  private final MetricWatchService watches;
  private final OutboundUrlCheck urlCheck;
  private final SecurityIdentity identity;
  private final DetectionConfig config;
  private final Clock clock;

  public MetricWatchResource(
      MetricWatchService watches,
      OutboundUrlCheck urlCheck,
      SecurityIdentity identity,
      DetectionConfig config,
      Clock clock) {
    this.watches = watches;
    this.urlCheck = urlCheck;
    this.identity = identity;
    this.config = config;
    this.clock = clock;
  }

  @Schema(description = "Where a watch's values come from.")
  public record SourceRequest(
      @NotBlank
          @Schema(
              description =
                  "prometheus: a Prometheus-compatible query API (Prometheus, Thanos, Mimir,"
                      + " VictoriaMetrics…), queried with /api/v1/query_range; pushed: samples"
                      + " posted to POST /v1/metrics/{metric}/samples")
          String type,
      @Size(max = 2000)
          @Schema(
              description =
                  "prometheus only: the API's base URL, e.g. http://prometheus:9090. "
                      + OutboundGuard.URL_RULE)
          String url,
      @Size(max = 4000)
          @Schema(
              description =
                  "prometheus only: the PromQL expression; it must return one series (aggregate"
                      + " it, e.g. sum(rate(orders_total[5m])) * 60)")
          String query) {}

  @Schema(description = "The seasonal baseline.")
  public record BaselineRequest(
      @NotNull
          @Min(1)
          @Max(MetricWatch.MAX_BASELINE_WEEKS)
          @Schema(description = "The previous N weeks whose same time of day makes the baseline")
          Integer weeks,
      @Min(1)
          @Max(MetricWatch.MAX_BASELINE_WEEKS)
          @Schema(
              description =
                  "Weeks with a value needed before any rule applies (default: half the weeks,"
                      + " at least 1); at most weeks")
          Integer minWeeks) {}

  @Schema(description = "A rule: the percentage of the baseline and how many evaluations in a row.")
  public record RuleRequest(
      @NotNull
          @DecimalMin(value = "0", inclusive = false)
          @DecimalMax("100000")
          @Schema(
              description =
                  "drop: below this % of the baseline (under 100); spike: above it (over 100)")
          Double percent,
      @Min(1) @Max(100) @Schema(description = "Evaluations in a row (default 3)")
          Integer consecutive) {}

  public record MetricWatchRequest(
      @NotBlank
          @Size(max = 100)
          @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*")
          @Schema(description = "Unique name; the alert name of its drop and spike alerts")
          String name,
      @NotBlank
          @Size(max = 200)
          @Pattern(
              regexp = "[a-zA-Z_:][a-zA-Z0-9_:]*",
              message = "letters, digits, '_' and ':', not starting with a digit")
          @Schema(description = "The metric's name, e.g. orders_per_minute")
          String metric,
      @NotBlank @Schema(description = "The owning domain (it must exist)") String domain,
      @NotBlank @Size(max = 100) @Schema(description = "The service the metric belongs to")
          String service,
      @Valid @NotNull SourceRequest source,
      @Schema(description = "ISO-8601 duration between evaluations (default PT1M)") String interval,
      @Valid @NotNull BaselineRequest baseline,
      @Valid @Schema(description = "Alert when below percent of the baseline") RuleRequest drop,
      @Valid @Schema(description = "Alert when above percent of the baseline") RuleRequest spike,
      @Schema(
              description =
                  "Severity of the drop and spike alerts: critical (default), error,"
                      + " warning or info; the blind alert is a warning")
          String severity,
      @Schema(description = "Evaluated on schedule (default true)") Boolean enabled) {}

  @Schema(description = "A business-metric watch with its evaluation state.")
  public record MetricWatchView(
      @Schema(description = "The watch's id") UUID id,
      @Schema(description = "Unique name; the alert name of its drop and spike alerts") String name,
      @Schema(description = "The metric's name") String metric,
      @Schema(description = "The owning domain; its alerts belong there") String domain,
      @Schema(description = "The service the metric belongs to") String service,
      @Schema(description = "Where its values come from") SourceRequest source,
      @Schema(description = "Time between scheduled evaluations (ISO-8601)") Duration interval,
      @Schema(description = "The seasonal baseline") BaselineRequest baseline,
      @Schema(description = "The drop rule, or null") RuleRequest drop,
      @Schema(description = "The spike rule, or null") RuleRequest spike,
      @Schema(description = "Severity of its drop and spike alerts") String severity,
      @Schema(description = "Whether the scheduler evaluates it") boolean enabled,
      @Schema(description = "The rule whose alert fires: drop, spike or null") String firing,
      @Schema(description = "Evaluations in a row below the drop threshold") int dropStreak,
      @Schema(description = "Evaluations in a row above the spike threshold") int spikeStreak,
      @Schema(description = "Whether the watch's blind alert fires") boolean blind,
      @Schema(description = "Why the source could not be read, while blind") String blindReason,
      @Schema(description = "The asOf of its latest evaluation") Instant lastEvaluatedAt,
      @Schema(description = "When the scheduler evaluates it next") Instant nextEvaluationAt,
      @Schema(description = "When it was created") Instant createdAt,
      @Schema(description = "Who created it") String createdBy,
      @Schema(description = "When its definition last changed") Instant updatedAt) {
    static MetricWatchView of(MetricWatch w) {
      MetricWatch.Rule drop = w.rule(MetricWatch.AlertKind.DROP);
      MetricWatch.Rule spike = w.rule(MetricWatch.AlertKind.SPIKE);
      return new MetricWatchView(
          w.getId(),
          w.getName(),
          w.getMetric(),
          w.getDomain(),
          w.getService(),
          new SourceRequest(w.getSource(), w.getPrometheusUrl(), w.getQuery()),
          w.interval(),
          new BaselineRequest(w.getBaselineWeeks(), w.getMinHistoryWeeks()),
          drop == null ? null : new RuleRequest(drop.percent(), drop.consecutive()),
          spike == null ? null : new RuleRequest(spike.percent(), spike.consecutive()),
          w.getSeverity(),
          w.isEnabled(),
          w.getFiring(),
          w.getDropStreak(),
          w.getSpikeStreak(),
          w.isBlind(),
          w.getBlindReason(),
          w.getLastEvaluatedAt(),
          w.getNextEvaluationAt(),
          w.getCreatedAt(),
          w.getCreatedBy(),
          w.getUpdatedAt());
    }
  }

  public record EvaluateRequest(
      @Schema(
              description =
                  "Evaluate as of this instant (ISO-8601; default now): to replay history, or"
                      + " check a watch before enabling it")
          String at) {}

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "Business-metric watches", description = "Every watch, by name.")
  public Uni<List<MetricWatchView>> list() {
    return watches.list().map(l -> l.stream().map(MetricWatchView::of).toList());
  }

  @GET
  @Path("{id}")
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "A business-metric watch, with its evaluation state")
  public Uni<MetricWatchView> get(@PathParam("id") UUID id) {
    return watches.get(id).map(MetricWatchView::of);
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Create a business-metric watch",
      description =
          "A metric of a domain's service, its source (a Prometheus-compatible query API or"
              + " pushed samples), an evaluation interval, a seasonal baseline (the median of the"
              + " same time of day in the previous N weeks) and a drop and/or spike rule. A"
              + " prometheus URL passes the outbound guard before anything is stored.")
  @APIResponse(responseCode = "201", description = "Created")
  @APIResponse(responseCode = "400", description = "Missing or invalid field; nothing is stored")
  @APIResponse(responseCode = "409", description = "A watch of that name exists")
  @APIResponse(
      responseCode = "422",
      description = "The source URL's host is refused by the outbound guard or does not resolve")
  public Uni<RestResponse<MetricWatchView>> create(@Valid @NotNull MetricWatchRequest request) {
    MetricWatch.Definition d = definition(request);
    return check(d)
        .chain(() -> watches.create(d, identity.getPrincipal().getName()))
        .map(
            w ->
                RestResponse.ResponseBuilder.<MetricWatchView>created(
                        URI.create("/v1/metric-watches/" + w.getId()))
                    .entity(MetricWatchView.of(w))
                    .build());
  }

  @PUT
  @Path("{id}")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Replace a watch's definition",
      description =
          "Its evaluation state carries on; the alert of a rule that is removed is resolved.")
  public Uni<MetricWatchView> update(
      @PathParam("id") UUID id, @Valid @NotNull MetricWatchRequest request) {
    MetricWatch.Definition d = definition(request);
    return check(d).chain(() -> watches.update(id, d)).map(MetricWatchView::of);
  }

  @DELETE
  @Path("{id}")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Delete a watch",
      description = "Its evaluations go with it; the alerts it fires are resolved.")
  public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
    return watches.delete(id).map(v -> RestResponse.noContent());
  }

  @POST
  @Path("{id}/evaluations")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Evaluate a watch now, or as of an instant",
      description =
          "A real evaluation: it reads the source, applies the rules, counts towards their runs"
              + " and starts or ends alerts exactly as a scheduled one does, and does not move the"
              + " schedule.")
  public Uni<MetricEvaluation> evaluate(@PathParam("id") UUID id, @Valid EvaluateRequest request) {
    Instant at = Instant.now(clock);
    if (request != null && request.at() != null) {
      at = instant("at", request.at());
    }
    return watches.evaluate(id, at, false);
  }

  @GET
  @Path("{id}/evaluations")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "A watch's latest evaluations",
      description = "Newest (by asOf) first: what each saw and decided.")
  public Uni<List<MetricEvaluation>> evaluations(
      @PathParam("id") UUID id,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
    return watches.evaluations(id, limit);
  }

  static Instant instant(String field, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ProblemException.invalid(
          field, "must be an ISO-8601 instant, e.g. 2026-03-12T10:00:00Z");
    }
  }

  private Uni<Void> check(MetricWatch.Definition d) {
    return MetricWatch.PROMETHEUS.equals(d.source())
        ? urlCheck.check("source.url", d.prometheusUrl())
        : Uni.createFrom().voidItem();
  }

  private MetricWatch.Definition definition(MetricWatchRequest r) {
    SourceRequest s = r.source();
    if (!MetricWatch.SOURCES.contains(s.type())) {
      throw ProblemException.invalid("source.type", "must be one of " + MetricWatch.SOURCES);
    }
    boolean prometheus = MetricWatch.PROMETHEUS.equals(s.type());
    if (prometheus && blank(s.url())) {
      throw ProblemException.invalid("source.url", "is required for a prometheus source");
    }
    if (prometheus && blank(s.query())) {
      throw ProblemException.invalid("source.query", "is required for a prometheus source");
    }
    if (!prometheus && (!blank(s.url()) || !blank(s.query()))) {
      throw ProblemException.invalid(
          "source", "a pushed source has no url or query: samples are posted to Firebell");
    }
    Duration interval = Duration.ofMinutes(1);
    if (r.interval() != null) {
      try {
        interval = Duration.parse(r.interval());
      } catch (DateTimeParseException e) {
        throw ProblemException.invalid("interval", "must be an ISO-8601 duration, e.g. PT1M");
      }
    }
    if (interval.compareTo(config.metrics().minInterval()) < 0
        || interval.compareTo(Duration.ofDays(1)) > 0) {
      throw ProblemException.invalid(
          "interval", "must be between " + config.metrics().minInterval() + " and P1D");
    }
    if (interval.toMillis() % 1000 != 0) {
      throw ProblemException.invalid("interval", "must be whole seconds");
    }
    int weeks = r.baseline().weeks();
    int minWeeks =
        r.baseline().minWeeks() == null ? Math.max(1, weeks / 2) : r.baseline().minWeeks();
    if (minWeeks > weeks) {
      throw ProblemException.invalid("baseline.minWeeks", "must be at most baseline.weeks");
    }
    if (r.drop() == null && r.spike() == null) {
      throw ProblemException.invalid("drop", "a watch needs a drop rule, a spike rule or both");
    }
    if (r.drop() != null && r.drop().percent() >= 100) {
      throw ProblemException.invalid("drop.percent", "must be below 100 (% of the baseline)");
    }
    if (r.spike() != null && r.spike().percent() <= 100) {
      throw ProblemException.invalid("spike.percent", "must be above 100 (% of the baseline)");
    }
    String severity = r.severity() == null ? Severity.CRITICAL.wire() : r.severity();
    if (!Severity.WIRE.contains(severity)) {
      throw ProblemException.invalid("severity", "must be one of " + Severity.WIRE);
    }
    return new MetricWatch.Definition(
        r.name(),
        r.metric(),
        r.domain(),
        r.service(),
        s.type(),
        prometheus ? s.url() : null,
        prometheus ? s.query() : null,
        interval,
        weeks,
        minWeeks,
        rule(r.drop()),
        rule(r.spike()),
        severity,
        r.enabled() == null || r.enabled());
  }

  private static MetricWatch.Rule rule(RuleRequest r) {
    return r == null
        ? null
        : new MetricWatch.Rule(r.percent(), r.consecutive() == null ? 3 : r.consecutive());
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
