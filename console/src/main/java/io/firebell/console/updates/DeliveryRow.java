package io.firebell.console.updates;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * One delivery of a message of the incident to one endpoint, in a communicator's words: delivered,
 * retrying (with when), queued or dead-lettered (with a Replay button).
 *
 * @param id the delivery id
 * @param message what was sent: "Fire alarm", "Update" or "Report"
 * @param endpoint the endpoint's name
 * @param channel {@code slack}, {@code teams} or {@code webhook}
 * @param audience the audience it was rendered for
 * @param state the status in words
 * @param tone {@code ok}, {@code warn} or {@code bad}, for the badge's colour (the words say it
 *     too)
 * @param attempts attempts so far
 * @param lastAnswer the last HTTP status or error
 * @param nextAttemptAt when it is tried again (retrying only)
 * @param createdAt when it was queued
 * @param deliveredAt when it arrived
 */
@TemplateData
public record DeliveryRow(
    String id,
    String message,
    String endpoint,
    String channel,
    String audience,
    String state,
    String tone,
    int attempts,
    String lastAnswer,
    String nextAttemptAt,
    String createdAt,
    String deliveredAt) {

  /** A dead-lettered delivery can be queued again. */
  public boolean replayable() {
    return "dead-lettered".equals(state);
  }

  static DeliveryRow of(JsonNode d) {
    String status = d.path("status").asText();
    String state =
        switch (status) {
          case "succeeded" -> "delivered";
          case "failed" -> "retrying";
          case "dead" -> "dead-lettered";
          case "pending" -> "queued";
          default -> status;
        };
    String tone =
        switch (status) {
          case "succeeded" -> "ok";
          case "dead" -> "bad";
          default -> "warn";
        };
    String message =
        switch (d.path("messageKind").asText()) {
          case "announcement" -> "Fire alarm";
          case "update" -> "Update";
          case "report_share" -> "Report";
          default -> d.path("messageKind").asText();
        };
    String answer = "";
    if (d.hasNonNull("lastHttpStatus")) {
      answer = "HTTP " + d.path("lastHttpStatus").asInt();
    }
    if (d.hasNonNull("lastError") && !d.path("lastError").asText().equals(answer)) {
      answer =
          answer.isEmpty()
              ? d.path("lastError").asText()
              : answer + ": " + d.path("lastError").asText();
    }
    return new DeliveryRow(
        d.path("id").asText(),
        message,
        d.path("endpointName").asText(),
        d.path("channel").asText(),
        d.path("audience").asText(),
        state,
        tone,
        d.path("attempts").asInt(),
        answer,
        text(d, "nextAttemptAt"),
        text(d, "createdAt"),
        text(d, "deliveredAt"));
  }

  private static String text(JsonNode d, String field) {
    return d.hasNonNull(field) ? d.path(field).asText() : null;
  }

  /** "3 delivered, 1 retrying, 1 dead-lettered": the counts of each state, in that order. */
  static String summary(List<DeliveryRow> rows) {
    StringBuilder b = new StringBuilder();
    for (String state : List.of("delivered", "retrying", "queued", "dead-lettered")) {
      long n = rows.stream().filter(r -> r.state().equals(state)).count();
      if (n > 0) {
        b.append(b.length() == 0 ? "" : ", ").append(n).append(' ').append(state);
      }
    }
    return b.toString();
  }
}
