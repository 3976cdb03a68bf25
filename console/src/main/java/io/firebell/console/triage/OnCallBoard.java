package io.firebell.console.triage;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;
import java.util.List;
import java.util.Map;

/** Who is on call per domain and where pages stand, in words, from detection-service's answers. */
final class OnCallBoard {

  private OnCallBoard() {}

  /** One level of a domain's escalation policy: who it pages now and how long they have. */
  @TemplateData
  public record Level(int level, String person, String via, String ackWithin) {}

  /** A domain and who its policy pages now; no levels when it has no escalation policy. */
  @TemplateData
  public record DomainOnCall(String domain, String description, List<Level> levels) {}

  /** A page, its state in words, and whether the signed-in person may acknowledge it. */
  @TemplateData
  public record PageRow(JsonNode page, String state, boolean mine, boolean acknowledgeable) {}

  /**
   * The levels of {@code GET /v1/oncall/{domain}}'s answer; {@code schedules} names schedules and
   * {@code people} people by id.
   */
  static List<Level> levels(
      JsonNode onCall, Map<String, String> schedules, Map<String, String> people) {
    return java.util.stream.StreamSupport.stream(onCall.path("levels").spliterator(), false)
        .map(
            l -> {
              String person = l.path("person").asText(null);
              String via =
                  "schedule".equals(l.path("targetType").asText())
                      ? "schedule "
                          + schedules.getOrDefault(
                              l.path("scheduleId").asText(l.path("target").asText()),
                              l.path("target").asText())
                      : "named in the policy";
              return new Level(
                  l.path("level").asInt(),
                  person == null ? "nobody (the schedule has no one now)" : who(person, people),
                  via,
                  duration(l.path("ackTimeoutSeconds").asLong()));
            })
        .toList();
  }

  /** {@code Joon Kim (joon.kim)}, or the id alone when the person has no other name. */
  static String who(String id, Map<String, String> people) {
    String name = people.get(id);
    return name == null || name.isBlank() || name.equals(id) ? id : name + " (" + id + ")";
  }

  /** A page's status as people read it. */
  static String state(JsonNode page) {
    String error = page.path("lastError").asText("");
    return switch (page.path("status").asText()) {
      case "pending" ->
          error.isEmpty()
              ? "being delivered"
              : "delivery retrying (" + page.path("attempts").asInt() + " tries): " + error;
      case "sent" -> "sent, not acknowledged yet";
      case "acknowledged" -> "acknowledged";
      case "escalated" -> "not acknowledged in time, escalated to the next level";
      case "cancelled" -> "cancelled";
      case "failed" -> "delivery failed" + (error.isEmpty() ? "" : ": " + error);
      default -> page.path("status").asText().replace('_', ' ');
    };
  }

  static PageRow row(JsonNode page, String username) {
    boolean mine = username != null && username.equals(page.path("person").asText());
    return new PageRow(
        page, state(page), mine, mine && "sent".equals(page.path("status").asText()));
  }

  /** {@code 300} → {@code 5 min}; {@code 5400} → {@code 1 h 30 min}. */
  static String duration(long seconds) {
    if (seconds < 60) {
      return seconds + " s";
    }
    long minutes = seconds / 60;
    if (minutes < 60) {
      return minutes + " min";
    }
    return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
  }
}
