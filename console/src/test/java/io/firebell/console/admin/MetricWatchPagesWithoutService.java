package io.firebell.console.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The console's real watch pages, rendered by the real {@link MetricWatchesResource} for the
 * signed-in admin of a real session from detection-service's answers as its API documents them,
 * because no detection-service runs in these tests. Test sources only.
 */
@Path(MetricWatchPagesWithoutService.PATH)
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class MetricWatchPagesWithoutService {

  public static final String PATH = "/test-only/metric-watches";
  public static final String WATCH_ID = "5b0e8f0e-8d7c-4e43-a3c2-6b1f3c1f2a01";

  /** Two watches as {@code GET /v1/metric-watches} answers: one firing a drop, one blind. */
  static final String WATCHES =
      """
      [{"id":"%s","name":"orders-per-minute","metric":"orders_per_minute","domain":"order",
        "service":"order-api","source":{"type":"pushed","url":null,"query":null},
        "interval":"PT1M","baseline":{"weeks":4,"minWeeks":2},
        "drop":{"percent":70.0,"consecutive":3},"spike":null,"severity":"critical",
        "enabled":true,"firing":"drop","dropStreak":4,"spikeStreak":0,"blind":false,
        "blindReason":null,"lastEvaluatedAt":"2026-12-06T09:00:00Z",
        "nextEvaluationAt":"2026-12-06T09:01:00Z"},
       {"id":"9c1d2e3f-0000-4000-8000-000000000002","name":"payments","metric":"payments_total",
        "domain":"payment","service":"payment-api",
        "source":{"type":"prometheus","url":"http://prometheus:9090","query":"sum(rate(payments_total[5m]))"},
        "interval":"PT5M","baseline":{"weeks":4,"minWeeks":2},"drop":null,
        "spike":{"percent":250.0,"consecutive":2},"severity":"error","enabled":true,
        "firing":null,"dropStreak":0,"spikeStreak":0,"blind":true,
        "blindReason":"connection refused","lastEvaluatedAt":"2026-12-06T09:00:00Z",
        "nextEvaluationAt":"2026-12-06T09:05:00Z"}]
      """
          .formatted(WATCH_ID);

  /** {@code GET /v1/metric-watches/{id}/evaluations}: newest first. */
  static final String EVALUATIONS =
      """
      [{"asOf":"2026-12-06T09:00:00Z","trigger":"scheduled","outcome":"drop","observed":34.0,
        "baseline":120.0,"history":[118.0,120.0,121.0,125.0],"ratioPercent":28.333333,
        "dropStreak":3,"spikeStreak":0,"changes":["drop fired"],"error":null},
       {"asOf":"2026-12-06T08:58:00Z","trigger":"manual","outcome":"blind","observed":null,
        "baseline":null,"history":[],"ratioPercent":null,"dropStreak":0,"spikeStreak":0,
        "changes":["blind fired"],"error":"no sample in the last 5 minutes"}]
      """;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject MetricWatchesResource pages;

  @GET
  public TemplateInstance list() {
    return pages.listPage(json(WATCHES), domains(), Form.blank().with("source", "pushed"));
  }

  @GET
  @Path("one")
  public TemplateInstance one() {
    JsonNode watch = json(WATCHES).get(0);
    return pages.watchPage(watch, json(EVALUATIONS), domains(), MetricWatchesResource.typed(watch));
  }

  private static Map<String, String> domains() {
    return Map.of("order", "order");
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
