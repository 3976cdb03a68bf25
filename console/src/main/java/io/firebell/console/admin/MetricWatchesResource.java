package io.firebell.console.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebell.console.backend.Api;
import io.firebell.console.backend.Service;
import io.firebell.console.backend.ServiceProblem;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Business-metric watches (detection-service's {@code /v1/metric-watches}): a metric of a domain's
 * service, read from a Prometheus-compatible query API or pushed to Firebell, compared with the
 * same time of day in the previous weeks; a drop or spike becomes an alert through the routes.
 */
@Path("/admin/metric-watches")
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class MetricWatchesResource {

  static final Map<String, String> SOURCES =
      EndpointsResource.linked(
          "pushed", "Pushed to Firebell (a metrics integration posts samples)",
          "prometheus", "Prometheus-compatible query API (PromQL)");

  static final Map<String, String> NOTICES =
      Map.of(
          "created", "Watch added. It is evaluated at its interval from now on.",
          "saved", "Watch saved.",
          "evaluated", "Evaluated now: the newest evaluation is at the top of the list below.",
          "deleted", "Watch deleted; the alerts it fired are resolved.");

  /** {@code 90s}, {@code 5 m}, {@code 1h} as a person types an interval. */
  private static final Pattern SHORT_INTERVAL =
      Pattern.compile("(\\d+)\\s*(s|sec|secs|m|min|mins|h|hr|hrs)", Pattern.CASE_INSENSITIVE);

  @Inject Api api;

  @Inject
  @Location("admin/metric-watches.html")
  Template list;

  @Inject
  @Location("admin/metric-watch.html")
  Template one;

  /** One row of the list: the watch as the API answers and its state in a word. */
  @TemplateData
  public record Row(JsonNode watch, String state, String stateWords) {
    static Row of(JsonNode w) {
      String state = MetricWatchesResource.state(w);
      return new Row(w, state, MetricWatchesResource.stateWords(w, state));
    }
  }

  /** One evaluation as the watch's page shows it: figures rounded, a missing one as a dash. */
  @TemplateData
  public record Evaluation(
      String asOf,
      boolean manual,
      String outcome,
      String observed,
      String baseline,
      String ratioPercent,
      String changes,
      String error) {
    static Evaluation of(JsonNode e) {
      List<String> changes = new ArrayList<>();
      e.path("changes").forEach(c -> changes.add(c.asText()));
      return new Evaluation(
          e.path("asOf").asText(),
          "manual".equals(e.path("trigger").asText()),
          e.path("outcome").asText().replace('_', ' '),
          figure(e.path("observed")),
          figure(e.path("baseline")),
          e.path("ratioPercent").isNumber() ? figure(e.path("ratioPercent")) + " %" : "–",
          String.join(", ", changes),
          e.path("error").asText(""));
    }
  }

  /** The watch form as people type it. */
  public record Typed(
      String name,
      String metric,
      String domain,
      String service,
      String source,
      String url,
      String query,
      String interval,
      String baselineWeeks,
      String minWeeks,
      String dropPercent,
      String dropConsecutive,
      String spikePercent,
      String spikeConsecutive,
      String severity,
      String enabled) {

    Form form() {
      return Form.blank()
          .with("name", name)
          .with("metric", metric)
          .with("domain", domain)
          .with("service", service)
          .with("source", source)
          .with("url", url)
          .with("query", query)
          .with("interval", interval)
          .with("baselineWeeks", baselineWeeks)
          .with("minWeeks", minWeeks)
          .with("dropPercent", dropPercent)
          .with("dropConsecutive", dropConsecutive)
          .with("spikePercent", spikePercent)
          .with("spikeConsecutive", spikeConsecutive)
          .with("severity", severity)
          .with("enabled", enabled);
    }

    /**
     * The API's watch request. Numbers that are not numbers are put on {@code form}; a rule is sent
     * only when its percentage is filled in; a pushed source sends no URL or query.
     */
    Map<String, Object> body(Form form) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("name", EndpointsResource.trim(name));
      body.put("metric", EndpointsResource.trim(metric));
      body.put("domain", EndpointsResource.trim(domain));
      body.put("service", EndpointsResource.trim(service));
      Map<String, Object> src = new LinkedHashMap<>();
      String type = EndpointsResource.blank(source) ? "pushed" : source.trim();
      src.put("type", type);
      if ("prometheus".equals(type)) {
        src.put("url", EndpointsResource.trim(url));
        src.put("query", EndpointsResource.trim(query));
      }
      body.put("source", src);
      if (!EndpointsResource.blank(interval)) {
        body.put("interval", isoInterval(interval));
      }
      Map<String, Object> baseline = new LinkedHashMap<>();
      baseline.put(
          "weeks", whole(form, "baselineWeeks", baselineWeeks, "Enter a number of weeks."));
      putIfSet(baseline, "minWeeks", whole(form, "minWeeks", minWeeks, "Enter a number of weeks."));
      body.put("baseline", baseline);
      putIfSet(body, "drop", rule(form, "drop", dropPercent, dropConsecutive));
      putIfSet(body, "spike", rule(form, "spike", spikePercent, spikeConsecutive));
      if (!EndpointsResource.blank(severity)) {
        body.put("severity", severity.trim());
      }
      body.put("enabled", "on".equals(enabled));
      return body;
    }

    private static Map<String, Object> rule(
        Form form, String rule, String percent, String consecutive) {
      if (EndpointsResource.blank(percent) && EndpointsResource.blank(consecutive)) {
        return null;
      }
      Map<String, Object> r = new LinkedHashMap<>();
      if (EndpointsResource.blank(percent)) {
        form.error(rule + "Percent", "Enter the percentage of the baseline, or leave both empty.");
      } else {
        try {
          r.put("percent", Double.parseDouble(percent.trim().replace("%", "").trim()));
        } catch (NumberFormatException e) {
          form.error(rule + "Percent", "Enter a percentage of the baseline, e.g. 70.");
        }
      }
      putIfSet(
          r,
          "consecutive",
          whole(form, rule + "Consecutive", consecutive, "Enter a whole number, e.g. 3."));
      return r;
    }
  }

  /**
   * The control an API field's error belongs to: {@code source.url} → {@code url}, {@code
   * baseline.minWeeks} → {@code minWeeks}, {@code drop.percent} → {@code dropPercent}, {@code drop}
   * (no rule at all) → {@code dropPercent}.
   */
  static String control(String field) {
    return switch (field) {
      case "source.url" -> "url";
      case "source.query" -> "query";
      case "source", "source.type" -> "source";
      case "baseline", "baseline.weeks" -> "baselineWeeks";
      case "baseline.minWeeks" -> "minWeeks";
      case "drop", "drop.percent" -> "dropPercent";
      case "drop.consecutive" -> "dropConsecutive";
      case "spike", "spike.percent" -> "spikePercent";
      case "spike.consecutive" -> "spikeConsecutive";
      default -> Form.baseName(field);
    };
  }

  /** An interval as typed ({@code 90s}, {@code 5m}, {@code 1h}, {@code PT1M}) in ISO-8601. */
  static String isoInterval(String typed) {
    String t = typed.trim();
    Matcher m = SHORT_INTERVAL.matcher(t);
    if (m.matches()) {
      char unit = Character.toUpperCase(m.group(2).charAt(0));
      return "PT" + m.group(1) + unit;
    }
    return t.toUpperCase();
  }

  /**
   * A watch's state in a word: {@code blind} (its source cannot be read), {@code firing} (a rule's
   * alert fires), {@code breaching} (a rule is broken, fewer times in a row than it asks), {@code
   * ok}, or {@code new} (never evaluated); {@code off} when it is not on the schedule and quiet.
   */
  static String state(JsonNode w) {
    if (w.path("blind").asBoolean()) {
      return "blind";
    }
    if (!w.path("firing").asText("").isEmpty()) {
      return "firing";
    }
    if (w.path("dropStreak").asInt() > 0 || w.path("spikeStreak").asInt() > 0) {
      return "breaching";
    }
    if (!w.path("enabled").asBoolean(true)) {
      return "off";
    }
    return w.path("lastEvaluatedAt").isTextual() ? "ok" : "new";
  }

  static String stateWords(JsonNode w, String state) {
    return switch (state) {
      case "blind" -> "blind: " + w.path("blindReason").asText("its source cannot be read");
      case "firing" -> "breaching: the " + w.path("firing").asText() + " alert fires";
      case "breaching" ->
          w.path("dropStreak").asInt() > 0
              ? "breaching: below the drop threshold "
                  + times(w.path("dropStreak").asInt())
                  + " of "
                  + w.path("drop").path("consecutive").asInt()
              : "breaching: above the spike threshold "
                  + times(w.path("spikeStreak").asInt())
                  + " of "
                  + w.path("spike").path("consecutive").asInt();
      case "off" -> "off: not evaluated on schedule";
      case "new" -> "not evaluated yet";
      default -> "ok";
    };
  }

  private static String times(int n) {
    return n + (n == 1 ? " time" : " times");
  }

  @GET
  public TemplateInstance watches(@RestQuery String done) {
    Form create =
        Form.blank()
            .with("source", "pushed")
            .with("interval", "1m")
            .with("baselineWeeks", "4")
            .with("dropPercent", "70")
            .with("dropConsecutive", "3")
            .with("severity", "critical")
            .with("enabled", "on");
    return list(create).data("notice", Form.notice(NOTICES, done));
  }

  @POST
  public Response create(
      @RestForm String name,
      @RestForm String metric,
      @RestForm String domain,
      @RestForm String service,
      @RestForm String source,
      @RestForm String url,
      @RestForm String query,
      @RestForm String interval,
      @RestForm String baselineWeeks,
      @RestForm String minWeeks,
      @RestForm String dropPercent,
      @RestForm String dropConsecutive,
      @RestForm String spikePercent,
      @RestForm String spikeConsecutive,
      @RestForm String severity,
      @RestForm String enabled) {
    Typed typed =
        new Typed(
            name,
            metric,
            domain,
            service,
            source,
            url,
            query,
            interval,
            baselineWeeks,
            minWeeks,
            dropPercent,
            dropConsecutive,
            spikePercent,
            spikeConsecutive,
            severity,
            enabled);
    Form form = typed.form();
    Map<String, Object> body = typed.body(form);
    if (form.hasErrors()) {
      return Response.status(422).entity(list(form.problem("The watch was not added."))).build();
    }
    try {
      JsonNode w = api.post(Service.DETECTION, "/v1/metric-watches", body);
      return Response.seeOther(
              URI.create("/admin/metric-watches/" + w.path("id").asText() + "?done=created"))
          .build();
    } catch (ServiceProblem p) {
      return Response.status(form.refusedBy(p, MetricWatchesResource::control).status())
          .entity(list(form))
          .build();
    }
  }

  @GET
  @Path("{id}")
  public TemplateInstance watch(@RestPath UUID id, @RestQuery String done) {
    JsonNode w = api.get(Service.DETECTION, "/v1/metric-watches/" + id);
    return one(w, typed(w)).data("notice", Form.notice(NOTICES, done));
  }

  @POST
  @Path("{id}")
  public Response change(
      @RestPath UUID id,
      @RestForm String name,
      @RestForm String metric,
      @RestForm String domain,
      @RestForm String service,
      @RestForm String source,
      @RestForm String url,
      @RestForm String query,
      @RestForm String interval,
      @RestForm String baselineWeeks,
      @RestForm String minWeeks,
      @RestForm String dropPercent,
      @RestForm String dropConsecutive,
      @RestForm String spikePercent,
      @RestForm String spikeConsecutive,
      @RestForm String severity,
      @RestForm String enabled) {
    JsonNode w = api.get(Service.DETECTION, "/v1/metric-watches/" + id);
    Typed typed =
        new Typed(
            name,
            metric,
            domain,
            service,
            source,
            url,
            query,
            interval,
            baselineWeeks,
            minWeeks,
            dropPercent,
            dropConsecutive,
            spikePercent,
            spikeConsecutive,
            severity,
            enabled);
    Form form = typed.form();
    Map<String, Object> body = typed.body(form);
    if (form.hasErrors()) {
      return Response.status(422).entity(one(w, form.problem("The watch was not saved."))).build();
    }
    try {
      api.put(Service.DETECTION, "/v1/metric-watches/" + id, body);
      return Response.seeOther(URI.create("/admin/metric-watches/" + id + "?done=saved")).build();
    } catch (ServiceProblem p) {
      return Response.status(form.refusedBy(p, MetricWatchesResource::control).status())
          .entity(one(w, form))
          .build();
    }
  }

  /** A real evaluation now (it counts towards the rules' runs and may fire or resolve alerts). */
  @POST
  @Path("{id}/evaluate")
  public Response evaluate(@RestPath UUID id) {
    try {
      api.post(Service.DETECTION, "/v1/metric-watches/" + id + "/evaluations", Map.of());
      return Response.seeOther(URI.create("/admin/metric-watches/" + id + "?done=evaluated"))
          .build();
    } catch (ServiceProblem p) {
      return refusedAction(id, p);
    }
  }

  @POST
  @Path("{id}/delete")
  public Response delete(@RestPath UUID id) {
    try {
      api.delete(Service.DETECTION, "/v1/metric-watches/" + id);
      return Response.seeOther(URI.create("/admin/metric-watches?done=deleted")).build();
    } catch (ServiceProblem p) {
      return refusedAction(id, p);
    }
  }

  private Response refusedAction(UUID id, ServiceProblem p) {
    JsonNode w = api.get(Service.DETECTION, "/v1/metric-watches/" + id);
    return Response.status(p.status() == 409 ? 409 : 422)
        .entity(one(w, typed(w)).data("actionProblem", p.words()))
        .build();
  }

  /** The watch as its edit form shows it. */
  static Form typed(JsonNode w) {
    JsonNode src = w.path("source");
    return new Typed(
            w.path("name").asText(),
            w.path("metric").asText(),
            w.path("domain").asText(),
            w.path("service").asText(),
            src.path("type").asText(),
            src.path("url").asText(""),
            src.path("query").asText(""),
            w.path("interval").asText(""),
            w.path("baseline").path("weeks").asText(""),
            w.path("baseline").path("minWeeks").asText(""),
            number(w.path("drop").path("percent")),
            w.path("drop").path("consecutive").asText(""),
            number(w.path("spike").path("percent")),
            w.path("spike").path("consecutive").asText(""),
            w.path("severity").asText(),
            w.path("enabled").asBoolean() ? "on" : "")
        .form();
  }

  /** {@code 70.0} as {@code 70}, {@code 62.5} as it is, a missing number as empty. */
  private static String number(JsonNode n) {
    if (!n.isNumber()) {
      return "";
    }
    double d = n.asDouble();
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  /** A figure to read: at most one decimal ({@code 28.33} → {@code 28.3}); missing as a dash. */
  static String figure(JsonNode n) {
    if (!n.isNumber()) {
      return "–";
    }
    double d = Math.round(n.asDouble() * 10) / 10.0;
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  private static Integer whole(Form form, String control, String text, String message) {
    if (EndpointsResource.blank(text)) {
      return null;
    }
    try {
      return Integer.valueOf(text.trim());
    } catch (NumberFormatException e) {
      form.error(control, message);
      return null;
    }
  }

  private static void putIfSet(Map<String, Object> body, String field, Object value) {
    if (value != null) {
      body.put(field, value);
    }
  }

  private TemplateInstance list(Form create) {
    return listPage(api.get(Service.DETECTION, "/v1/metric-watches"), domains(), create);
  }

  /** The list page for the watches and domains as the API answered them. */
  TemplateInstance listPage(JsonNode watches, Map<String, String> domains, Form create) {
    List<Row> rows = new ArrayList<>();
    watches.forEach(w -> rows.add(Row.of(w)));
    return list.data("nav", "admin")
        .data("watches", rows)
        .data("domains", domains)
        .data("sources", SOURCES)
        .data("severities", RoutesResource.SEVERITIES)
        .data("create", create);
  }

  private TemplateInstance one(JsonNode w, Form edit) {
    JsonNode evaluations =
        api.get(
            Service.DETECTION,
            "/v1/metric-watches/" + w.path("id").asText() + "/evaluations?limit=20");
    return watchPage(w, evaluations, domains(), edit);
  }

  /** A watch's page for the watch, its evaluations and the domains as the API answered them. */
  TemplateInstance watchPage(
      JsonNode w, JsonNode evaluations, Map<String, String> domains, Form edit) {
    List<Evaluation> shown = new ArrayList<>();
    evaluations.forEach(e -> shown.add(Evaluation.of(e)));
    return one.data("nav", "admin")
        .data("row", Row.of(w))
        .data("watch", w)
        .data("evaluations", shown)
        .data("editAction", "/admin/metric-watches/" + w.path("id").asText())
        .data("domains", domains)
        .data("sources", SOURCES)
        .data("severities", RoutesResource.SEVERITIES)
        .data("edit", edit);
  }

  private Map<String, String> domains() {
    Map<String, String> names = new LinkedHashMap<>();
    api.get(Service.DETECTION, "/v1/domains")
        .forEach(d -> names.put(d.path("name").asText(), d.path("name").asText()));
    return names;
  }
}
