package io.firebell.client;

import static io.firebell.client.Http.map;

import java.io.IOException;
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
}
