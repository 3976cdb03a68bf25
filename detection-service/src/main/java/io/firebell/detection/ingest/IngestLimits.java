package io.firebell.detection.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebell.detection.config.DetectionConfig;
import io.firebell.platform.problem.Problem;
import io.firebell.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Bounds the work of one webhook request before its alerts are expanded (ADR 0110). Alertmanager
 * and Grafana send labels and annotations shared by a notification's alerts once, and the
 * normalizer copies them into every alert: a request within the body limit could otherwise become
 * hundreds of megabytes of records. This class checks the number of alerts, the number and sizes of
 * labels and annotations, and then computes an upper bound of the size of the records the request
 * becomes from the sizes of its parts, without building them.
 */
@ApplicationScoped
public class IngestLimits {

  /**
   * What an alert's record holds besides the payload's strings, in JSON bytes: field names, two
   * UUIDs, timestamps, the routing decision's fixed words, the details' keys. A real alert's fixed
   * part is about 600 bytes; the bound leaves room.
   */
  static final long FIXED_BYTES_PER_ALERT = 1024;

  /**
   * Labels appear in the record as labels and again, in part, in the route key, the service, the
   * domain and the summary; annotations as annotations and again in the summary and the links.
   */
  static final int LABEL_COPIES = 3;

  static final int ANNOTATION_COPIES = 3;

  private final DetectionConfig.Ingest limits;

  public IngestLimits(DetectionConfig config) {
    this.limits = config.ingest();
  }

  /**
   * Refuses a payload over a limit: 422 naming the field and the limit for too many alerts, labels
   * or annotations or a key or value too long; 413 when the records it would become exceed {@code
   * max-expanded-bytes}.
   */
  public void check(WebhookPayload payload) {
    if (payload.alerts().size() > limits.maxAlertsPerRequest()) {
      throw tooMany(
          "alerts",
          "at most "
              + limits.maxAlertsPerRequest()
              + " alerts per request (max-alerts-per-request)");
    }
    List<Problem.FieldError> errors = new ArrayList<>();
    checkMap(errors, "commonAnnotations", payload.commonAnnotations(), false);
    for (int i = 0; i < payload.alerts().size() && errors.size() < 20; i++) {
      WebhookPayload.Alert a = payload.alerts().get(i);
      if (a != null) {
        checkMap(errors, "alerts[" + i + "].labels", a.labels(), true);
        checkMap(errors, "alerts[" + i + "].annotations", a.annotations(), false);
      }
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(
          422,
          "limit-exceeded",
          "Limit exceeded",
          errors.get(0).field() + ": " + errors.get(0).message(),
          errors);
    }
    long expanded = expandedBytes(payload);
    if (expanded > limits.maxExpandedBytes()) {
      throw new ProblemException(
          413,
          "payload-too-large",
          "Payload too large",
          "the "
              + payload.alerts().size()
              + " alerts of this request, with the common annotations and fields copied into each,"
              + " would be up to "
              + expanded
              + " bytes; at most "
              + limits.maxExpandedBytes()
              + " are accepted (max-expanded-bytes): send fewer alerts per request or shorter"
              + " common annotations",
          null);
    }
  }

  private void checkMap(
      List<Problem.FieldError> errors, String field, Map<String, String> map, boolean labels) {
    if (map == null) {
      return;
    }
    String what = labels ? "labels" : "annotations";
    if (map.size() > limits.maxLabels()) {
      errors.add(
          new Problem.FieldError(
              field, "at most " + limits.maxLabels() + " " + what + " (max-labels)"));
      return;
    }
    int maxValue = labels ? limits.maxLabelValueLength() : limits.maxAnnotationValueLength();
    String valueLimit = labels ? "max-label-value-length" : "max-annotation-value-length";
    for (Map.Entry<String, String> e : map.entrySet()) {
      if (e.getKey().length() > limits.maxKeyLength()) {
        errors.add(
            new Problem.FieldError(
                field,
                "a key is "
                    + e.getKey().length()
                    + " characters; at most "
                    + limits.maxKeyLength()
                    + " (max-key-length)"));
        return;
      }
      if (e.getValue() != null && e.getValue().length() > maxValue) {
        errors.add(
            new Problem.FieldError(
                field + "." + e.getKey(),
                "is "
                    + e.getValue().length()
                    + " characters; at most "
                    + maxValue
                    + " ("
                    + valueLimit
                    + ")"));
        return;
      }
    }
  }

  /**
   * An upper bound of the JSON bytes of the records {@code payload} becomes: per alert its own
   * strings, the fixed part, and the payload's shared strings (common annotations, group key,
   * receiver, external URL, Grafana's title and state), which every alert carries a copy of.
   */
  static long expandedBytes(WebhookPayload payload) {
    long shared =
        ANNOTATION_COPIES * mapBytes(payload.commonAnnotations())
            + stringBytes(payload.groupKey())
            + stringBytes(payload.receiver())
            + stringBytes(payload.externalUrl())
            + stringBytes(payload.title())
            + stringBytes(payload.state());
    long total = 0;
    for (WebhookPayload.Alert a : payload.alerts()) {
      if (a == null) {
        continue;
      }
      total +=
          FIXED_BYTES_PER_ALERT
              + shared
              + LABEL_COPIES * mapBytes(a.labels())
              + ANNOTATION_COPIES * mapBytes(a.annotations())
              + stringBytes(a.generatorUrl())
              + stringBytes(a.fingerprint())
              + stringBytes(a.silenceUrl())
              + stringBytes(a.dashboardUrl())
              + stringBytes(a.panelUrl())
              + stringBytes(a.imageUrl())
              + stringBytes(a.valueString())
              + valuesBytes(a.values());
    }
    return total;
  }

  private static long mapBytes(Map<String, String> map) {
    if (map == null) {
      return 0;
    }
    long n = 2;
    for (Map.Entry<String, String> e : map.entrySet()) {
      n += stringBytes(e.getKey()) + stringBytes(e.getValue()) + 2;
    }
    return n;
  }

  private static long valuesBytes(Map<String, JsonNode> values) {
    if (values == null) {
      return 0;
    }
    long n = 2;
    for (Map.Entry<String, JsonNode> e : values.entrySet()) {
      n += stringBytes(e.getKey()) + nodeBytes(e.getValue()) + 2;
    }
    return n;
  }

  private static long nodeBytes(JsonNode node) {
    if (node == null || node.isNull()) {
      return 4;
    }
    if (node.isTextual()) {
      return stringBytes(node.textValue());
    }
    if (node.isContainerNode()) {
      long n = 2;
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      if (node.isObject()) {
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> f = fields.next();
          n += stringBytes(f.getKey()) + nodeBytes(f.getValue()) + 2;
        }
      } else {
        for (JsonNode element : node) {
          n += nodeBytes(element) + 1;
        }
      }
      return n;
    }
    return node.asText().length() + 2L;
  }

  /**
   * The most bytes Jackson writes for {@code s} as a JSON string: quotes, two-character escapes,
   * six for a control character, and UTF-8's two or three bytes outside ASCII (a surrogate pair is
   * four bytes for two chars).
   */
  static long stringBytes(String s) {
    if (s == null) {
      return 4;
    }
    long n = 2;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20) {
        n += 6;
      } else if (c == '"' || c == '\\') {
        n += 2;
      } else if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else {
        n += 3;
      }
    }
    return n;
  }

  private static ProblemException tooMany(String field, String message) {
    return new ProblemException(
        422,
        "limit-exceeded",
        "Limit exceeded",
        field + ": " + message,
        List.of(new Problem.FieldError(field, message)));
  }
}
