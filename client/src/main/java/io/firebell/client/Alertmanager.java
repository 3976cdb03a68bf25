package io.firebell.client;

import static io.firebell.client.Http.map;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alertmanager's webhook payload (version 4), as Alertmanager sends it to detection-service: the
 * demo, the announce probe and the storm benchmark build theirs here, so the fields and their order
 * are written once; the storm tests send theirs here.
 */
public final class Alertmanager {

  /** The {@code endsAt} Alertmanager sends while an alert is still firing. */
  public static final String STILL_FIRING = "0001-01-01T00:00:00Z";

  /** Where detection-service takes Alertmanager's webhooks. */
  public static final String INGEST_PATH = "/v1/ingest/alertmanager";

  private Alertmanager() {}

  /**
   * Sends {@code body} to the detection-service at {@code detection} with an integration's {@code
   * token}; returns the answer's status (202 when accepted).
   */
  public static int send(Http http, String detection, String token, String body) {
    return http.post(detection + INGEST_PATH, token, body).status();
  }

  /** One alert of a payload, its fields in Alertmanager's order. */
  public static Map<String, Object> alert(
      String status,
      Map<String, ?> labels,
      Map<String, ?> annotations,
      String startsAt,
      String endsAt,
      String generatorUrl,
      String fingerprint) {
    return map(
        "status",
        status,
        "labels",
        labels,
        "annotations",
        annotations,
        "startsAt",
        startsAt,
        "endsAt",
        endsAt,
        "generatorURL",
        generatorUrl,
        "fingerprint",
        fingerprint);
  }

  /**
   * The JSON body of one notification of the group {@code groupKey} from the receiver {@code
   * firebell}, with no common annotations and nothing truncated.
   */
  public static String payload(
      String groupKey,
      String status,
      Map<String, ?> groupLabels,
      Map<String, ?> commonLabels,
      List<?> alerts) {
    try {
      return Http.JSON.writeValueAsString(
          map(
              "version",
              "4",
              "groupKey",
              groupKey,
              "truncatedAlerts",
              0,
              "status",
              status,
              "receiver",
              "firebell",
              "groupLabels",
              groupLabels,
              "commonLabels",
              commonLabels,
              "commonAnnotations",
              map(),
              "externalURL",
              "http://alertmanager:9093",
              "alerts",
              alerts));
    } catch (IOException e) {
      throw new StoryFailure(e.getMessage());
    }
  }

  /**
   * The demo's storm as Alertmanager sends it: order-api's latency and 5xx alerts on three
   * instances (six alerts, severity critical, domain order), labelled {@code runLabel=run} so that
   * each run is a group of its own; {@code status} firing or resolved.
   */
  public static String orderApiStorm(String status, String runLabel, String run) {
    List<Map<String, Object>> alerts = new ArrayList<>();
    String endsAt = "firing".equals(status) ? STILL_FIRING : Instant.now().toString();
    String startsAt = Instant.now().minus(2, ChronoUnit.MINUTES).toString();
    for (String name : List.of("OrderApiHighLatency", "OrderApi5xxRate")) {
      for (int instance = 1; instance <= 3; instance++) {
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("alertname", name);
        labels.put("domain", "order");
        labels.put("service", "order-api");
        labels.put("severity", "critical");
        labels.put("instance", "order-api-" + instance + ":8080");
        labels.put(runLabel, run);
        alerts.add(
            alert(
                status,
                labels,
                map(
                    "summary",
                    name.endsWith("Latency")
                        ? "order-api p99 latency above 2 s"
                        : "order-api 5xx above 2 %",
                    "runbook_url",
                    "https://runbooks.example.com/order-api"),
                startsAt,
                endsAt,
                "http://prometheus:9090/graph?g0.expr=order_api",
                Long.toHexString((run + name + instance).hashCode() & 0xffffffffL)));
      }
    }
    return payload(
        "{}/{domain=\"order\"}:{" + runLabel + "=\"" + run + "\"}",
        status,
        map("domain", "order", runLabel, run),
        map("domain", "order", "service", "order-api", runLabel, run),
        alerts);
  }
}
