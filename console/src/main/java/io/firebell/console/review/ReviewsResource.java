package io.firebell.console.review;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebell.console.backend.Api;
import io.firebell.console.backend.Service;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reviews: the reports still in draft and those published, the review meetings from a month back to
 * half a year ahead, the reviews not booked by the policy's deadline, the action items past their
 * due date and the stop-gaps whose root-cause fix is not done — each linking to its report. Live:
 * it re-reads itself when review-service announces a change.
 */
@Path("/reviews")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ReviewsResource {

  @Inject Api api;
  @Inject Clock clock;

  @Inject
  @Location("review/reviews.html")
  Template page;

  @Inject
  @Location("review/reviews-lists.html")
  Template lists;

  /** A report as the lists show it. */
  public record ReportRow(
      String incidentId,
      String reference,
      String title,
      String severity,
      String status,
      long publishedVersion,
      String resolvedAt,
      String updatedAt,
      String updatedBy,
      String publishedAt) {}

  /** A meeting with the incident it reviews. */
  public record MeetingRow(
      String incidentId,
      String reference,
      String title,
      String kind,
      String startsAt,
      String startsLocal,
      long durationMinutes,
      String location,
      String status,
      boolean withinPolicy) {}

  /** An overdue action item with its incident. */
  public record ItemRow(
      String incidentId,
      String reference,
      String title,
      String horizon,
      String owner,
      String dueAt,
      String status) {}

  @GET
  public TemplateInstance reviews() {
    return fill(page.data("nav", "reviews"));
  }

  /** The lists alone, for the page's live region. */
  @GET
  @Path("lists")
  public TemplateInstance listsFragment() {
    return fill(lists.instance());
  }

  private TemplateInstance fill(TemplateInstance t) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    JsonNode reports = api.get(Service.REVIEW, "/v1/reports?limit=200");
    JsonNode meetings =
        api.get(
            Service.REVIEW,
            "/v1/reviews?from="
                + now.minus(Duration.ofDays(30))
                + "&to="
                + now.plus(Duration.ofDays(180)));
    JsonNode overdue = api.get(Service.REVIEW, "/v1/action-items?overdue=true&limit=200");
    JsonNode unbooked = api.get(Service.REVIEW, "/v1/reviews/required?flagged=true");
    JsonNode stopGaps = api.get(Service.REVIEW, "/v1/action-items/stop-gaps?limit=200");

    Map<String, JsonNode> byIncident = new HashMap<>();
    List<ReportRow> drafts = new ArrayList<>();
    List<ReportRow> published = new ArrayList<>();
    for (JsonNode r : reports) {
      byIncident.put(r.path("incidentId").asText(), r);
      ReportRow row =
          new ReportRow(
              r.path("incidentId").asText(),
              r.path("reference").asText(""),
              r.path("title").asText(""),
              r.path("severity").asText(""),
              r.path("status").asText(),
              r.path("publishedVersion").asLong(),
              r.path("resolvedAt").asText(null),
              r.path("updatedAt").asText(null),
              r.path("updatedBy").asText(""),
              r.path("publishedAt").asText(null));
      ("published".equals(row.status()) ? published : drafts).add(row);
    }
    List<MeetingRow> meetingRows = new ArrayList<>();
    for (JsonNode m : meetings) {
      JsonNode r = byIncident.get(m.path("incidentId").asText());
      meetingRows.add(
          new MeetingRow(
              m.path("incidentId").asText(),
              r == null ? "" : r.path("reference").asText(""),
              r == null ? "" : r.path("title").asText(""),
              ReviewForms.meetingKind(m.path("kind").asText()),
              m.path("startsAt").asText(null),
              ReviewForms.local(m.path("startsAt").asText(null), m.path("timeZone").asText(null)),
              m.path("durationMinutes").asLong(),
              m.path("location").asText(),
              m.path("status").asText(),
              m.path("withinPolicy").asBoolean()));
    }
    List<ItemRow> items = new ArrayList<>();
    for (JsonNode i : overdue) {
      JsonNode r = byIncident.get(i.path("incidentId").asText());
      items.add(
          new ItemRow(
              i.path("incidentId").asText(),
              r == null ? "" : r.path("reference").asText(""),
              i.path("title").asText(),
              ReviewForms.horizon(i.path("horizon").asText()),
              i.path("owner").asText(),
              i.path("dueAt").asText(null),
              i.path("status").asText()));
    }
    List<LearningRows.LateReview> late = new ArrayList<>();
    unbooked.forEach(r -> late.add(LearningRows.LateReview.of(r)));
    List<LearningRows.StopGap> gaps = new ArrayList<>();
    stopGaps.forEach(g -> gaps.add(LearningRows.StopGap.of(g)));
    return t.data("drafts", drafts)
        .data("lateReviews", late)
        .data("stopGaps", gaps)
        .data("published", published)
        .data("meetings", meetingRows)
        .data("overdue", items);
  }
}
