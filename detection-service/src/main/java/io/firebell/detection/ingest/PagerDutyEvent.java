package io.firebell.detection.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebell.detection.model.AlertStatus;
import io.firebell.detection.routing.Severity;
import io.firebell.platform.problem.Problem;
import io.firebell.platform.problem.ProblemException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A PagerDuty Events API v2 alert event ({@code POST /v2/enqueue}), validated as PagerDuty does:
 * {@code routing_key} and {@code event_action} always, {@code dedup_key} for acknowledge and
 * resolve, {@code payload.summary/source/severity} for trigger.
 */
public record PagerDutyEvent(
    String routingKey,
    String eventAction,
    String dedupKey,
    String summary,
    String source,
    String severity,
    Instant timestamp,
    String component,
    String group,
    String eventClass,
    JsonNode customDetails,
    String client,
    String clientUrl,
    Map<String, String> links) {

  /** Reads and validates the body; every problem found is reported at once (400). */
  public static PagerDutyEvent parse(JsonNode body) {
    List<Problem.FieldError> errors = new ArrayList<>();
    if (body == null || !body.isObject()) {
      throw ProblemException.badRequest("the event must be a JSON object");
    }
    String routingKey = text(body, "routing_key", errors);
    String action = text(body, "event_action", errors);
    String dedupKey = text(body, "dedup_key", errors);
    if (routingKey == null) {
      errors.add(new Problem.FieldError("routing_key", "is missing or blank"));
    }
    if (action == null) {
      errors.add(new Problem.FieldError("event_action", "is missing or blank"));
    } else if (!List.of("trigger", "acknowledge", "resolve").contains(action)) {
      errors.add(new Problem.FieldError("event_action", "must be trigger, acknowledge or resolve"));
    }
    if (dedupKey != null && dedupKey.length() > 255) {
      errors.add(new Problem.FieldError("dedup_key", "must be at most 255 characters"));
    }
    if (("acknowledge".equals(action) || "resolve".equals(action)) && dedupKey == null) {
      errors.add(new Problem.FieldError("dedup_key", "is required to " + action + " an alert"));
    }
    JsonNode payload = body.get("payload");
    String summary = null;
    String source = null;
    String severity = null;
    Instant timestamp = null;
    String component = null;
    String group = null;
    String eventClass = null;
    JsonNode custom = null;
    if (payload != null && !payload.isNull() && !payload.isObject()) {
      errors.add(new Problem.FieldError("payload", "must be an object"));
    } else if (payload != null && payload.isObject()) {
      summary = text(payload, "summary", errors, "payload.");
      source = text(payload, "source", errors, "payload.");
      severity = text(payload, "severity", errors, "payload.");
      component = text(payload, "component", errors, "payload.");
      group = text(payload, "group", errors, "payload.");
      eventClass = text(payload, "class", errors, "payload.");
      String ts = text(payload, "timestamp", errors, "payload.");
      if (ts != null) {
        try {
          timestamp = OffsetDateTime.parse(ts).toInstant();
        } catch (DateTimeParseException e) {
          errors.add(new Problem.FieldError("payload.timestamp", "must be an ISO 8601 timestamp"));
        }
      }
      custom = payload.get("custom_details");
    }
    if ("trigger".equals(action)) {
      if (payload == null || payload.isNull()) {
        errors.add(new Problem.FieldError("payload", "is required to trigger an alert"));
      } else {
        if (summary == null) {
          errors.add(new Problem.FieldError("payload.summary", "is missing or blank"));
        } else if (summary.length() > 1024) {
          errors.add(new Problem.FieldError("payload.summary", "must be at most 1024 characters"));
        }
        if (source == null) {
          errors.add(new Problem.FieldError("payload.source", "is missing or blank"));
        }
        if (severity == null) {
          errors.add(new Problem.FieldError("payload.severity", "is missing or blank"));
        }
      }
    }
    if (severity != null && !Severity.WIRE.contains(severity)) {
      errors.add(
          new Problem.FieldError("payload.severity", "must be critical, error, warning or info"));
    }
    Map<String, String> links = new LinkedHashMap<>();
    JsonNode linkArray = body.get("links");
    if (linkArray != null && linkArray.isArray()) {
      int i = 0;
      for (JsonNode link : linkArray) {
        if (link.hasNonNull("href")) {
          String name = link.hasNonNull("text") ? link.get("text").asText() : "link" + i;
          links.put(name, link.get("href").asText());
        }
        i++;
      }
    }
    String client = text(body, "client", errors);
    String clientUrl = text(body, "client_url", errors);
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    return new PagerDutyEvent(
        routingKey,
        action,
        dedupKey,
        summary,
        source,
        severity,
        timestamp,
        component,
        group,
        eventClass,
        custom,
        client,
        clientUrl,
        links);
  }

  static ProblemException invalid(List<Problem.FieldError> errors) {
    String detail =
        "Event object is invalid: "
            + String.join("; ", errors.stream().map(e -> e.field() + " " + e.message()).toList());
    return new ProblemException(400, "validation", "Invalid event", detail, List.copyOf(errors));
  }

  /** The dedup key of the answer: the sender's, or a new one for a trigger without one. */
  public PagerDutyEvent withDedupKey() {
    if (dedupKey != null) {
      return this;
    }
    return new PagerDutyEvent(
        routingKey,
        eventAction,
        UUID.randomUUID().toString().replace("-", ""),
        summary,
        source,
        severity,
        timestamp,
        component,
        group,
        eventClass,
        customDetails,
        client,
        clientUrl,
        links);
  }

  /**
   * PagerDuty fields become labels (so routes can match them): {@code alertname} (the class, else
   * the summary), {@code source}, {@code component} (also {@code service}), {@code group}, {@code
   * class}, {@code severity}.
   */
  Normalizer.Incoming toIncoming(Instant now) {
    Map<String, String> labels = new TreeMap<>();
    String name = eventClass != null ? eventClass : summary;
    if (name != null) {
      labels.put("alertname", name.length() > 200 ? name.substring(0, 200) : name);
    }
    put(labels, "source", source);
    put(labels, "component", component);
    put(labels, "service", component);
    put(labels, "group", group);
    put(labels, "class", eventClass);
    put(labels, "severity", severity);
    Map<String, String> annotations = new LinkedHashMap<>();
    put(annotations, "summary", summary);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("event_action", eventAction);
    if (customDetails != null && !customDetails.isNull()) {
      details.put("custom_details", customDetails);
    }
    if (client != null) {
      details.put("client", client);
    }
    AlertStatus status =
        switch (eventAction) {
          case "resolve" -> AlertStatus.RESOLVED;
          case "acknowledge" -> AlertStatus.ACKNOWLEDGED;
          default -> AlertStatus.FIRING;
        };
    return new Normalizer.Incoming(
        "pagerduty",
        dedupKey,
        status.wire(),
        labels,
        annotations,
        summary != null ? summary : eventAction + " " + dedupKey,
        timestamp != null ? timestamp : now,
        status == AlertStatus.RESOLVED ? now : null,
        clientUrl,
        links,
        details,
        Severity.fromWire(severity));
  }

  private static void put(Map<String, String> m, String k, String v) {
    if (v != null) {
      m.put(k, v);
    }
  }

  private static String text(JsonNode node, String field, List<Problem.FieldError> errors) {
    return text(node, field, errors, "");
  }

  private static String text(
      JsonNode node, String field, List<Problem.FieldError> errors, String prefix) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      errors.add(new Problem.FieldError(prefix + field, "must be a string"));
      return null;
    }
    String s = v.asText();
    return s.isBlank() ? null : s;
  }
}
