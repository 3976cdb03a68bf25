package io.firebell.console.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The console's real report page, built by the real {@link ReportResource} for the signed-in person
 * of a real session from review-service's answers as its API documents them (a report with three
 * action items, one a stop-gap of another; the incident's team review, and with {@code escalated}
 * the org-wide review escalated from it), because no review-service runs in these tests. Test
 * sources only.
 */
@Path(ReportPageWithoutService.PATH)
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ReportPageWithoutService {

  public static final String PATH = "/test-only/report-page";
  public static final String INCIDENT = "0f5e6a7b-1c2d-4e3f-8a9b-0c1d2e3f4a5b";
  public static final String TEAM_REVIEW = "1a1a1a1a-0000-4000-8000-000000000001";
  public static final String ORG_REVIEW = "2b2b2b2b-0000-4000-8000-000000000002";
  public static final String FIX = "3c3c3c3c-0000-4000-8000-000000000003";
  public static final String GAP = "4d4d4d4d-0000-4000-8000-000000000004";
  public static final String ALERT = "5e5e5e5e-0000-4000-8000-000000000005";

  private static final String T = "\"2026-12-01T10:00:00Z\"";

  static final String REPORT =
      """
      {"incidentId":"%1$s","reference":"INC-42","title":"Orders fail at checkout",
       "status":"draft","version":3,"publishedVersion":0,"publishedAt":null,"publishedBy":null,
       "facts":{"severity":"SEV3","services":["order-api"],"domains":["order"],"component":null,
        "detectionMethod":"business_metric","occurredAt":%2$s,"detectedAt":%2$s,
        "declaredAt":%2$s,"acknowledgedAt":%2$s,"mitigatedAt":%2$s,"resolvedAt":%2$s,
        "closedAt":null,"secondsToDetect":60,"secondsToResolve":3600,
        "recoveryMethods":["rollback"],"commander":"mina.park"},
       "cause":"A config change halved the pool","causeCategory":"config",
       "contributingFactors":[],"impactSummary":"Orders failed","affectedStakeholders":[],
       "impactFigures":{},"whys":[],"blamelessWarnings":[],"timeline":[],
       "actionItems":[
        {"id":"%3$s","title":"Bound the index rebuild","kind":"code","horizon":"mid",
         "owner":"sam@example.com","dueAt":"2026-12-31T23:59:59Z","status":"open","version":1,
         "stopGap":false,"rootFixId":null},
        {"id":"%4$s","title":"Rate-limit index rebuilds","kind":"config","horizon":"short",
         "owner":"sam@example.com","dueAt":"2026-12-03T23:59:59Z","status":"done","version":2,
         "stopGap":true,"rootFixId":"%3$s"},
        {"id":"%5$s","title":"Alert on pool saturation","kind":"monitoring_alerting",
         "horizon":"short","owner":"sam@example.com","dueAt":"2026-12-03T23:59:59Z",
         "status":"open","version":1,"stopGap":false,"rootFixId":null}]}
      """
          .formatted(INCIDENT, T, FIX, GAP, ALERT);

  static final String TEAM =
      """
      {"id":"%s","incidentId":"%s","kind":"team","startsAt":"2026-12-03T01:00:00Z",
       "endsAt":"2026-12-03T02:00:00Z","timeZone":"Asia/Seoul","durationMinutes":60,
       "location":"Room 3","attendees":["mina.park@example.com"],"status":"scheduled",
       "dueBy":"2026-12-08T09:00:00Z","withinPolicy":true,"scheduledBy":"mina.park",
       "escalatedFrom":null,"escalationReason":null}
      """
          .formatted(TEAM_REVIEW, INCIDENT);

  static final String ORG =
      """
      {"id":"%s","incidentId":"%s","kind":"org_wide","startsAt":"2026-12-04T01:00:00Z",
       "endsAt":"2026-12-04T03:00:00Z","timeZone":"Asia/Seoul","durationMinutes":120,
       "location":"Main hall","attendees":["cto@example.com"],"status":"scheduled",
       "dueBy":"2026-12-09T09:00:00Z","withinPolicy":true,"scheduledBy":"mina.park",
       "escalatedFrom":"%s","escalationReason":"three domains were hit"}
      """
          .formatted(ORG_REVIEW, INCIDENT, TEAM_REVIEW);

  /** review-service's flag when detection lagged occurrence and customers found it first. */
  static final String DETECTION_GAP =
      """
      {"lagSeconds":1500,"reasons":["detection_lag","found_by_customers"],
       "suggestedActionItem":{"title":"Add monitoring for order-api: detection lagged occurrence by 25 min, customers found it first",
        "kind":"monitoring_alerting","horizon":"short"}}
      """;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject ReportResource pages;

  /**
   * The page; {@code escalated}: the org-wide review exists too; {@code refused}: the escalation
   * form shown again after an empty reason was refused; {@code gap}: review-service flagged the
   * incident as a detection gap.
   */
  @GET
  public TemplateInstance show(
      @RestQuery boolean escalated, @RestQuery boolean refused, @RestQuery boolean gap) {
    ReportResource.Forms f = new ReportResource.Forms();
    if (refused) {
      f.escalateId = TEAM_REVIEW;
      f.escalate = Map.of("reason", "", "start", "2026-12-09T10:00", "zone", "Asia/Seoul");
      try {
        ReviewForms.escalation("", null, null, null);
      } catch (ReviewForms.Unreadable u) {
        f.escalateErrors = Map.of(u.control(), u.getMessage());
      }
      f.escalateProblem = "The review was not escalated. Fix what is marked below.";
    }
    JsonNode report = json(REPORT);
    if (gap) {
      ((ObjectNode) report).set("detectionGap", json(DETECTION_GAP));
    }
    return pages.page(
        report,
        json("[]"),
        json(escalated ? "[" + TEAM + "," + ORG + "]" : "[" + TEAM + "]"),
        json("[]"),
        null,
        f);
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
