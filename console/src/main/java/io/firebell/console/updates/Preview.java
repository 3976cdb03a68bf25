package io.firebell.console.updates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.firebell.client.Http;
import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What broadcast-service's preview says an update would send: one text per register (the
 * engineering text for the war room's people, the service text for everyone else), the audiences
 * that get it, its system terms marked, and how each kind of endpoint shows it — a Slack message, a
 * Teams card, the signed webhook's JSON — laid out as broadcast-service builds those bodies (first
 * line as the headline, the rest below, a link to the status page).
 *
 * @param recipients how many endpoints would receive it
 * @param missing what the three-item rule finds missing, in words; empty when it may be sent
 * @param registers the texts, in the order of the audiences picked
 */
@TemplateData
public record Preview(int recipients, List<String> missing, List<Register> registers) {

  /**
   * One register's text and where it goes.
   *
   * @param register {@code engineering} or {@code service}
   * @param audiences the names of the audiences that get this text
   * @param text the whole text, system terms marked
   * @param headline its first line, as Slack's header and the Teams card's title show it
   * @param body the rest
   * @param findings the system terms found, with what to say instead
   * @param channels Slack, Teams and webhook, each with how many endpoints of these audiences use
   *     it
   * @param webhookJson the generic webhook's JSON body for the first of these audiences
   * @param webhookAudience that audience's key
   */
  @TemplateData
  public record Register(
      String register,
      String audiences,
      Marked text,
      Marked headline,
      Marked body,
      List<Finding> findings,
      List<Channel> channels,
      String webhookJson,
      String webhookAudience) {

    public boolean engineering() {
      return "engineering".equals(register);
    }
  }

  /** A system term as written, what to say instead, and in whose text. */
  @TemplateData
  public record Finding(String found, String suggestion, String audience) {}

  /** An endpoint kind and how many subscribed endpoints of the register's audiences have it. */
  @TemplateData
  public record Channel(String kind, String name, int endpoints) {}

  /** Words for the three items, as the service names them in {@code missing}. */
  static String words(String item) {
    return switch (item) {
      case "status" -> "status";
      case "expectedRecovery" -> "expected recovery";
      case "followUpActions" -> "follow-up actions";
      default -> item;
    };
  }

  /**
   * @param preview the service's answer ({@code texts}, {@code findings}, {@code missing}, {@code
   *     recipients})
   * @param audienceNames audience key → name
   * @param kinds audience key → endpoint kind → how many of its subscribed endpoints have it
   * @param reference the incident's reference (INC-…), as the webhook body carries it
   * @param incidentId the incident's id
   * @param body what was asked to be previewed (its structured fields go in the webhook body)
   * @param statusPageUrl the public status page, linked from every channel
   */
  public static Preview of(
      JsonNode preview,
      Map<String, String> audienceNames,
      Map<String, Map<String, Integer>> kinds,
      String reference,
      String incidentId,
      Map<String, Object> body,
      String statusPageUrl) {
    Map<String, List<JsonNode>> byRegister = new LinkedHashMap<>();
    preview
        .path("texts")
        .forEach(
            t ->
                byRegister
                    .computeIfAbsent(t.path("register").asText(), r -> new ArrayList<>())
                    .add(t));
    List<Register> registers = new ArrayList<>();
    for (Map.Entry<String, List<JsonNode>> e : byRegister.entrySet()) {
      List<JsonNode> texts = e.getValue();
      JsonNode first = texts.get(0);
      String key = first.path("audience").asText();
      String text = first.path("text").asText("");
      List<Marked.Span> spans = new ArrayList<>();
      List<Finding> findings = new ArrayList<>();
      preview
          .path("findings")
          .forEach(
              f -> {
                if (key.equals(f.path("audience").asText())) {
                  spans.add(
                      new Marked.Span(
                          f.path("position").asInt(),
                          f.path("found").asText(),
                          f.path("suggestion").asText()));
                  findings.add(
                      new Finding(
                          f.path("found").asText(),
                          f.path("suggestion").asText(),
                          audienceNames.getOrDefault(key, key)));
                }
              });
      List<String> names = new ArrayList<>();
      Map<String, Integer> byKind = new LinkedHashMap<>();
      for (JsonNode t : texts) {
        String audience = t.path("audience").asText();
        names.add(audienceNames.getOrDefault(audience, audience));
        kinds.getOrDefault(audience, Map.of()).forEach((k, n) -> byKind.merge(k, n, Integer::sum));
      }
      List<Channel> channels =
          List.of(
              new Channel("slack", "Slack", byKind.getOrDefault("slack", 0)),
              new Channel("teams", "Microsoft Teams", byKind.getOrDefault("teams", 0)),
              new Channel("webhook", "Webhook", byKind.getOrDefault("webhook", 0)));
      registers.add(
          new Register(
              e.getKey(),
              String.join(", ", names),
              Marked.of(text, spans),
              Marked.headline(text, spans),
              Marked.body(text, spans),
              List.copyOf(findings),
              channels,
              webhookJson(key, reference, incidentId, body, text, statusPageUrl),
              key));
    }
    List<String> missing = new ArrayList<>();
    preview.path("missing").forEach(m -> missing.add(words(m.asText())));
    return new Preview(
        preview.path("recipients").asInt(), List.copyOf(missing), List.copyOf(registers));
  }

  /**
   * The generic webhook body as broadcast-service sends it for an update, without the two fields
   * only sending gives it ({@code id}, {@code publishedAt}).
   */
  static String webhookJson(
      String audience,
      String reference,
      String incidentId,
      Map<String, Object> body,
      String text,
      String statusPageUrl) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("type", "update");
    root.put("audience", audience);
    root.put("incidentId", incidentId);
    root.put("reference", reference);
    root.put("status", body.get("status"));
    root.put("impact", body.get("impact"));
    root.put("expectedRecoveryAt", body.get("expectedRecoveryAt"));
    root.put("nextUpdateAt", body.get("nextUpdateAt"));
    root.put("followUpActions", body.get("followUpActions"));
    root.put("statusPageUrl", statusPageUrl);
    root.put("text", text);
    root.put("link", statusPageUrl);
    try {
      return Http.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the webhook preview", e);
    }
  }
}
