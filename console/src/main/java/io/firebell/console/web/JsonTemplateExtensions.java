package io.firebell.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Lets templates read the services' JSON as they answered it: {@code {incident.title}} is the
 * field's text (null when absent), an object or array stays a node ({@code {#for a in
 * incident.actions}}), and {@code {incident.declaredAt.time}} shows an ISO time as a person reads
 * it. On a node, {@code none} says whether it is empty, {@code size} counts it and {@code join}
 * lists an array's texts.
 */
@TemplateExtension
public class JsonTemplateExtensions {

  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  @TemplateExtension(matchName = TemplateExtension.ANY)
  static Object field(JsonNode node, String name) {
    switch (name) {
      case "none":
        return node.isEmpty();
      case "size":
        return node.size();
      case "join":
        {
          java.util.List<String> texts = new java.util.ArrayList<>();
          node.forEach(e -> texts.add(e.asText()));
          return String.join(", ", texts);
        }
      default:
        break;
    }
    JsonNode v = node.get(name);
    if (v == null || v.isNull() || v.isMissingNode()) {
      return null;
    }
    if (v.isTextual()) {
      return v.asText();
    }
    if (v.isIntegralNumber()) {
      return v.asLong();
    }
    if (v.isNumber()) {
      return v.asDouble();
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    return v;
  }

  /** An ISO-8601 instant as {@code 2026-03-12 10:57:30 UTC}; anything else as it is. */
  static String time(Object iso) {
    if (iso == null) {
      return "";
    }
    try {
      return SHOWN.format(Instant.parse(iso.toString()));
    } catch (DateTimeParseException e) {
      return iso.toString();
    }
  }

  /**
   * Words for an API word: {@code recovery_lead} → {@code recovery lead}. Only on text: on any
   * object it would hide the object's own {@code words} (a {@link
   * io.firebell.console.backend.ServiceProblem}'s, which then showed its class name and message).
   */
  static String words(String apiWord) {
    return apiWord == null ? "" : apiWord.replace('_', ' ');
  }

  /** Whether a JSON array or object has nothing in it. */
  static boolean none(Object value) {
    return value == null
        || value instanceof JsonNode n && n.isEmpty()
        || value instanceof java.util.Collection<?> c && c.isEmpty();
  }
}
