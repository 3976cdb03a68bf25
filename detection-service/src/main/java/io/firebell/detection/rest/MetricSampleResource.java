package io.firebell.detection.rest;

import io.firebell.detection.config.DetectionConfig;
import io.firebell.detection.metrics.MetricWatchService;
import io.firebell.platform.integration.IntegrationCaller;
import io.firebell.platform.integration.IntegrationKind;
import io.firebell.platform.openapi.CallersOpenApiFilter;
import io.firebell.platform.problem.ProblemException;
import io.firebell.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Samples of a business metric pushed to Firebell ({@code /v1/metrics/{name}/samples}). */
@Path("/v1/metrics/{name}/samples")
@Tag(name = "Business metrics")
public class MetricSampleResource {

  private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
  // A sample may be a little ahead of this instance's clock, not more.
  private static final Duration MAX_AHEAD = Duration.ofMinutes(5);

  private final MetricWatchService watches;
  private final SecurityIdentity identity;
  private final DetectionConfig config;
  private final Clock clock;

  public MetricSampleResource(
      MetricWatchService watches, SecurityIdentity identity, DetectionConfig config, Clock clock) {
    this.watches = watches;
    this.identity = identity;
    this.config = config;
    this.clock = clock;
  }

  public record SampleRequest(
      @NotNull @Schema(description = "ISO-8601 instant the value is for") Instant timestamp,
      @NotNull @Schema(description = "The metric's value then") Double value) {}

  public record SamplesRequest(
      @NotEmpty @Schema(description = "The samples, any order; a re-sent one replaces")
          List<@NotNull @Valid SampleRequest> samples) {}

  public record SamplesAccepted(
      @Schema(description = "The metric") String metric,
      @Schema(description = "Samples stored (one per distinct timestamp)") int accepted) {}

  @POST
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Extension(
      name = CallersOpenApiFilter.INTEGRATION_KINDS,
      value = "[\"metrics\"]",
      parseValue = true)
  @Operation(
      summary = "Push samples of a business metric",
      description =
          "A batch of {timestamp, value} for a metric that a watch with source pushed watches"
              + " (a metrics integration token, or an admin for a backfill). A sample with the"
              + " timestamp of a stored one replaces it. Timestamps at most 5 minutes ahead and at"
              + " most 13 weeks back (older samples are deleted).")
  @APIResponse(responseCode = "200", description = "Stored")
  @APIResponse(responseCode = "400", description = "Malformed batch; nothing is stored")
  @APIResponse(responseCode = "404", description = "No watch with source pushed has this metric")
  @APIResponse(responseCode = "422", description = "More samples than the limit (5,000)")
  public Uni<SamplesAccepted> push(
      @PathParam("name") @Size(max = 200) @Pattern(regexp = NAME) String name,
      @Valid @NotNull SamplesRequest request) {
    IntegrationCaller caller = IntegrationCaller.of(identity);
    if (caller != null) {
      caller.requireKind(Set.of(IntegrationKind.METRICS));
    }
    if (request.samples().size() > config.metrics().maxSamplesPerRequest()) {
      throw ProblemException.unprocessable(
          "samples: at most "
              + config.metrics().maxSamplesPerRequest()
              + " in one request (max-samples-per-request)");
    }
    Instant now = Instant.now(clock);
    Instant oldest =
        now.minus(
            Duration.ofDays(7L * (io.firebell.detection.model.MetricWatch.MAX_BASELINE_WEEKS + 1)));
    Map<Instant, Double> samples = new LinkedHashMap<>();
    for (int i = 0; i < request.samples().size(); i++) {
      SampleRequest s = request.samples().get(i);
      if (s.timestamp().isAfter(now.plus(MAX_AHEAD)) || s.timestamp().isBefore(oldest)) {
        throw ProblemException.invalid(
            "samples[" + i + "].timestamp",
            "must be within the last 13 weeks and not ahead of now");
      }
      if (!Double.isFinite(s.value())) {
        throw ProblemException.invalid("samples[" + i + "].value", "must be a finite number");
      }
      samples.put(s.timestamp(), s.value());
    }
    return watches
        .push(name, new ArrayList<>(samples.keySet()), new ArrayList<>(samples.values()))
        .map(n -> new SamplesAccepted(name, n));
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "Pushed samples of a metric",
      description =
          "Oldest first, between from and to (default: the day before now); the link a pushed"
              + " watch's alert carries.")
  public Uni<List<MetricWatchService.Sample>> samples(
      @PathParam("name") @Size(max = 200) @Pattern(regexp = NAME) String name,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("limit") @DefaultValue("10000") @Min(1) @Max(10000) int limit) {
    Instant end = to == null ? Instant.now(clock) : MetricWatchResource.instant("to", to);
    Instant start =
        from == null ? end.minus(Duration.ofDays(1)) : MetricWatchResource.instant("from", from);
    return watches.samples(name, start, end, limit);
  }
}
