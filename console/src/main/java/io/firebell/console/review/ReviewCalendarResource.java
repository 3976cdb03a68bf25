package io.firebell.console.review;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebell.client.Http;
import io.firebell.console.backend.Api;
import io.firebell.console.backend.Service;
import io.firebell.console.backend.ServiceProblem;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The incident's review meeting as an iCalendar file to download: review-service's VEVENT, fetched
 * with the person's token (the browser never holds one).
 */
@Path("/incidents/{id}/review.ics")
@Authenticated
public class ReviewCalendarResource {

  static final String CALENDAR = "text/calendar";

  @Inject Api api;

  @GET
  public Response ics(@RestPath String id) {
    UUID incident = ReportResource.incident(id);
    JsonNode meeting = current(api.get(Service.REVIEW, "/v1/reviews?incidentId=" + incident));
    if (meeting == null) {
      throw new ServiceProblem(
          404,
          "No review meeting",
          "No review of this incident is scheduled yet: schedule one on the report page.",
          Map.of());
    }
    Http.Response ics =
        api.getRaw(Service.REVIEW, "/v1/reviews/" + meeting.path("id").asText(), CALENDAR);
    if (ics.status() != 200) {
      throw ServiceProblem.of(ics.status(), ics.json(), ics.body());
    }
    return Response.ok(ics.body())
        .type(CALENDAR + "; charset=utf-8")
        .header(
            "Content-Disposition",
            "attachment; filename=\"review-" + incident.toString().substring(0, 8) + ".ics\"")
        .build();
  }

  /** The meeting still to be held, else the latest one (held or cancelled), else null. */
  static JsonNode current(JsonNode meetings) {
    JsonNode latest = null;
    for (JsonNode m : meetings) {
      if ("scheduled".equals(m.path("status").asText())) {
        return m;
      }
      latest = m;
    }
    return latest;
  }
}
