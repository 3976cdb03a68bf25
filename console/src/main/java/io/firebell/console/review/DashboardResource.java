package io.firebell.console.review;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebell.console.backend.Api;
import io.firebell.console.backend.Service;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The dashboard for org heads, drawn by the console from review-service's metrics API with the
 * person's token: the headline numbers, incidents per week, and where incidents happen, how they
 * were found and which partners were involved ({@code /v1/metrics/summary}) — tables first, with
 * one chart of the weekly counts — and what the data should teach: availability per service beside
 * its MTTD/MTTA/MTTR ({@code /v1/metrics/services}), the incidents monitoring missed with the
 * action item that would close the gap ({@code /v1/metrics/detection-gaps}) and the weak spots with
 * what was promised after their earlier incidents ({@code /v1/metrics/weak-spots}).
 */
@Path("/dashboard")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class DashboardResource {

  static final List<Integer> PERIODS = List.of(4, 8, 12, 26, 52);

  @Inject Api api;
  @Inject Clock clock;

  @Inject
  @Location("review/dashboard.html")
  Template page;

  /** One group of incidents (a severity, a service, a week…) as the tables show it. */
  public record Row(String key, long count, String mttd, String mtta, String mttr) {}

  /** A service's availability over the period (its incidents' impact windows) and its times. */
  public record ServiceRow(
      String service,
      long incidents,
      String availability,
      String impact,
      String mttd,
      String mtta,
      String mttr) {

    static ServiceRow of(JsonNode s) {
      return new ServiceRow(
          s.path("service").asText(),
          s.path("incidents").asLong(),
          availabilityOf(s.path("availability")),
          duration(s.path("impactSeconds")),
          duration(s.path("mttd").path("p50")),
          duration(s.path("mtta").path("p50")),
          duration(s.path("mttr").path("p50")));
    }
  }

  /** An incident monitoring missed: why, and the action item that would close the gap. */
  public record GapRow(
      String incidentId,
      String reference,
      String title,
      String services,
      String why,
      String suggestion,
      long monitoringItems) {

    static GapRow of(JsonNode g) {
      List<String> services = new ArrayList<>();
      g.path("services").forEach(s -> services.add(s.asText()));
      return new GapRow(
          g.path("incidentId").asText(),
          g.path("reference").asText(""),
          g.path("title").asText(""),
          String.join(", ", services),
          gapWhy(g),
          g.path("suggestedActionItem").path("title").asText(""),
          g.path("monitoringActionItems").asLong());
    }
  }

  /** A weak spot: a service or component where incidents gather and recur. */
  public record WeakSpot(
      String key,
      long incidents,
      long customerMinutes,
      long recurrences,
      List<EarlierIncident> earlier) {

    static WeakSpot of(JsonNode w) {
      List<EarlierIncident> earlier = new ArrayList<>();
      w.path("earlierIncidents").forEach(e -> earlier.add(EarlierIncident.of(e)));
      return new WeakSpot(
          w.path("key").asText(),
          w.path("incidents").asLong(),
          w.path("customerMinutes").asLong(),
          w.path("recurrences").asLong(),
          earlier);
    }
  }

  /** An earlier incident on a weak spot and its open and closed action items. */
  public record EarlierIncident(
      String incidentId,
      String reference,
      String title,
      String occurredAt,
      List<String> open,
      List<String> closed) {

    static EarlierIncident of(JsonNode e) {
      List<String> open = new ArrayList<>();
      e.path("openActionItems").forEach(i -> open.add(item(i)));
      List<String> closed = new ArrayList<>();
      e.path("closedActionItems").forEach(i -> closed.add(item(i)));
      return new EarlierIncident(
          e.path("incidentId").asText(),
          e.path("reference").asText(""),
          e.path("title").asText(""),
          e.path("occurredAt").asText(null),
          open,
          closed);
    }

    private static String item(JsonNode i) {
      return i.path("title").asText()
          + " ("
          + i.path("status").asText().replace('_', ' ')
          + (i.path("owner").asText("").isBlank() ? "" : ", " + i.path("owner").asText())
          + ")";
    }
  }

  /**
   * Why review-service flagged a detection gap, in words: {@code detected 25 min after it occurred;
   * customers found it first}. Shared with the report page.
   */
  static String gapWhy(JsonNode gap) {
    List<String> why = new ArrayList<>();
    for (JsonNode r : gap.path("reasons")) {
      why.add(
          switch (r.asText()) {
            case "detection_lag" ->
                "it was detected " + duration(gap.path("lagSeconds")) + " after it occurred";
            case "found_by_customers" -> "customers found it first";
            default -> r.asText().replace('_', ' ');
          });
    }
    return String.join("; ", why);
  }

  /** One week's bar of the chart, in the chart's coordinates. */
  public record Bar(
      String week,
      String label,
      long count,
      double x,
      double y,
      double width,
      double height,
      boolean labelled) {}

  @GET
  public Response dashboard(@RestQuery String weeks) {
    int n = 12;
    String weeksError = null;
    if (weeks != null && !weeks.isBlank()) {
      try {
        n = Integer.parseInt(weeks.trim());
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 4 || n > 52) {
        weeksError = "Choose a period between 4 and 52 weeks.";
        n = 12;
      }
    }
    Instant now = clock.instant();
    LocalDate firstWeek = monday(now).minusWeeks(n - 1L);
    String range = "from=" + firstWeek.atStartOfDay(ZoneOffset.UTC).toInstant() + "&to=" + now;

    JsonNode bySeverity = summary(range, "severity");
    JsonNode byWeek = summary(range, "week");
    JsonNode byService = summary(range, "service");
    JsonNode byMethod = summary(range, "detection_method");
    JsonNode byPartner = summary(range, "partner");

    JsonNode total = bySeverity.path("total");
    Map<String, String> headline = new LinkedHashMap<>();
    headline.put("Incidents", String.valueOf(total.path("count").asLong()));
    headline.put("MTTD (median)", duration(total.path("mttd").path("p50")));
    headline.put("MTTA (median)", duration(total.path("mtta").path("p50")));
    headline.put("MTTR (median)", duration(total.path("mttr").path("p50")));
    headline.put("Found first by customers", percent(total.path("foundByCustomersShare")));
    headline.put("Found first by partners", percent(total.path("foundByPartnersShare")));
    headline.put("Repeat incidents", percent(total.path("recurrenceRate")));
    headline.put("Action items done", percent(bySeverity.path("actionItemCompletionRate")));
    headline.put(
        "Overdue action items", String.valueOf(bySeverity.path("overdueActionItems").asLong()));

    // Every week of the period, with the weeks review-service had no incident for at zero.
    Map<String, JsonNode> weekGroups = new LinkedHashMap<>();
    byWeek.path("groups").forEach(g -> weekGroups.put(g.path("key").asText(), g));
    List<Row> weekRows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String week = firstWeek.plusWeeks(i).toString();
      JsonNode g = weekGroups.get(week);
      weekRows.add(g == null ? new Row(week, 0, "—", "—", "—") : row(g));
    }

    List<ServiceRow> availability = new ArrayList<>();
    api.get(Service.REVIEW, "/v1/metrics/services?" + range)
        .forEach(r -> availability.add(ServiceRow.of(r)));
    List<GapRow> gaps = new ArrayList<>();
    api.get(Service.REVIEW, "/v1/metrics/detection-gaps?" + range)
        .forEach(g -> gaps.add(GapRow.of(g)));
    List<WeakSpot> weakSpots = new ArrayList<>();
    api.get(Service.REVIEW, "/v1/metrics/weak-spots?" + range)
        .forEach(w -> weakSpots.add(WeakSpot.of(w)));

    boolean empty = total.path("count").asLong() == 0;
    return Response.status(weeksError == null ? 200 : 400)
        .entity(
            page.data("nav", "dashboard")
                .data("weeks", n)
                .data("weeksError", weeksError)
                .data("periods", PERIODS)
                .data("firstWeek", firstWeek.toString())
                .data("headline", headline)
                .data("empty", empty)
                .data("severities", rows(bySeverity))
                .data("weekRows", weekRows)
                .data("bars", bars(weekRows))
                .data("chartMax", weekRows.stream().mapToLong(Row::count).max().orElse(0))
                .data("services", rows(byService))
                .data("methods", rows(byMethod))
                .data("partners", rows(byPartner))
                .data("availability", availability)
                .data("gaps", gaps)
                .data("weakSpots", weakSpots))
        .build();
  }

  private JsonNode summary(String range, String groupBy) {
    return api.get(Service.REVIEW, "/v1/metrics/summary?" + range + "&groupBy=" + groupBy);
  }

  static LocalDate monday(Instant at) {
    return at.atZone(ZoneOffset.UTC)
        .toLocalDate()
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  private static List<Row> rows(JsonNode summary) {
    List<Row> rows = new ArrayList<>();
    summary.path("groups").forEach(g -> rows.add(row(g)));
    return rows;
  }

  private static Row row(JsonNode g) {
    return new Row(
        g.path("key").asText().replace('_', ' '),
        g.path("count").asLong(),
        duration(g.path("mttd").path("p50")),
        duration(g.path("mtta").path("p50")),
        duration(g.path("mttr").path("p50")));
  }

  /** The chart's bars: 600 by 200 units, the tallest week at full height. */
  static List<Bar> bars(List<Row> weeks) {
    long max = Math.max(1, weeks.stream().mapToLong(Row::count).max().orElse(1));
    double left = 30;
    double width = 600 - left;
    double step = width / Math.max(1, weeks.size());
    double height = 170;
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < weeks.size(); i++) {
      Row w = weeks.get(i);
      double h = (double) w.count() / max * height;
      bars.add(
          new Bar(
              w.key(),
              w.key().length() > 5 ? w.key().substring(5) : w.key(),
              w.count(),
              round(left + i * step + 2),
              round(10 + height - h),
              round(Math.max(1, step - 4)),
              round(h),
              weeks.size() <= 13 || i % (weeks.size() / 8 + 1) == 0));
    }
    return bars;
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  /** Seconds as people read them: {@code 12 min}, {@code 1.5 h}; a dash when there is none. */
  static String duration(JsonNode seconds) {
    if (seconds == null || seconds.isNull() || seconds.isMissingNode()) {
      return "—";
    }
    long s = seconds.asLong();
    if (s < 60) {
      return s + " s";
    }
    return s < 3600 ? (s / 60) + " min" : String.format(Locale.ROOT, "%.1f h", s / 3600.0);
  }

  /** An availability (0..1) to three decimals of a percent: {@code 99.861 %}. */
  static String availabilityOf(JsonNode share) {
    if (share == null || !share.isNumber()) {
      return "—";
    }
    return String.format(Locale.ROOT, "%.3f %%", share.asDouble() * 100);
  }

  static String percent(JsonNode share) {
    return Math.round(share.asDouble() * 100) + " %";
  }
}
