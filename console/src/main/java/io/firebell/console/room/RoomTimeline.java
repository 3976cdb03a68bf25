package io.firebell.console.room;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The room's timeline: incident-service's entries (declaration, changes, roles, actions, notes)
 * together with broadcast-service's communication timeline (the fire alarm and every stakeholder
 * update), which incident-service does not hold. Newest first, so the latest thing that happened is
 * the first thing a person sees without scrolling, on a phone too.
 */
final class RoomTimeline {

  /** One thing that happened: when, what kind (in words), who, what, and the texts people got. */
  @TemplateData
  public record Entry(
      String at, String label, String actor, String summary, boolean broadcast, List<Text> texts) {}

  /** What one audience read. */
  @TemplateData
  public record Text(String audience, String text) {}

  private static final Map<String, String> LABELS =
      Map.ofEntries(
          Map.entry("declared", "Declared"),
          Map.entry("alert_group_linked", "Alert group"),
          Map.entry("updated", "Changed"),
          Map.entry("status_changed", "Status changed"),
          Map.entry("resolved", "Resolved"),
          Map.entry("closed", "Closed"),
          Map.entry("role_assigned", "Role"),
          Map.entry("role_override", "Role override"),
          Map.entry("participant_joined", "War room"),
          Map.entry("action_recorded", "Recovery action"),
          Map.entry("note", "Note"));

  private RoomTimeline() {}

  /**
   * @param entries incident-service's timeline, oldest first
   * @param communications broadcast-service's {@code /v1/incidents/{id}/updates}, oldest first, or
   *     null when it could not be read
   */
  static List<Entry> merge(List<JsonNode> entries, JsonNode communications) {
    List<Entry> all = new ArrayList<>();
    for (JsonNode e : entries) {
      String kind = e.path("kind").asText("");
      all.add(
          new Entry(
              e.path("at").asText(null),
              LABELS.getOrDefault(kind, Readable.label(kind)),
              e.path("actor").asText(null),
              e.path("summary").asText(""),
              false,
              List.of()));
    }
    if (communications != null) {
      for (JsonNode c : communications) {
        all.add(communication(c));
      }
    }
    // Stable: entries with the same time keep their order (incident-service's sequence first).
    all.sort(Comparator.comparing(RoomTimeline::instant));
    Collections.reverse(all);
    return all;
  }

  private static Entry communication(JsonNode c) {
    String kind = c.path("kind").asText("");
    String audiences = words(c.path("audiences"));
    int recipients = c.path("recipients").asInt(0);
    String reached =
        recipients == 0
            ? "no endpoint subscribed"
            : recipients + (recipients == 1 ? " endpoint" : " endpoints");
    List<Text> texts = new ArrayList<>();
    c.path("texts")
        .fields()
        .forEachRemaining(t -> texts.add(new Text(words(t.getKey()), t.getValue().asText())));
    String label;
    String summary;
    String actor;
    if (kind.equals("announcement")) {
      label = "Fire alarm";
      summary = "Announced to " + audiences + " (" + reached + ")";
      actor = "Firebell";
    } else if (kind.equals("update")) {
      label = "Stakeholder update";
      String status = Readable.label(c.path("status").asText(""));
      String impact = c.path("impact").asText("");
      summary =
          (status.isEmpty() ? "" : status + ": ")
              + impact
              + (impact.isEmpty() ? "" : " — ")
              + "sent to "
              + audiences
              + " ("
              + reached
              + ")";
      actor = c.path("author").asText(null);
    } else {
      label = Readable.label(kind);
      summary = "Sent to " + audiences + " (" + reached + ")";
      actor = c.path("author").asText(null);
    }
    return new Entry(c.path("at").asText(null), label, actor, summary, true, texts);
  }

  private static String words(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(a -> out.add(words(a.asText())));
    return out.isEmpty() ? "nobody" : String.join(", ", out);
  }

  private static String words(String apiWord) {
    return apiWord.replace('_', ' ');
  }

  private static Instant instant(Entry e) {
    try {
      return e.at() == null ? Instant.EPOCH : Instant.parse(e.at());
    } catch (DateTimeParseException ex) {
      return Instant.EPOCH;
    }
  }
}
