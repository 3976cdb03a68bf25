package io.firebell.broadcast.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebell.broadcast.model.Endpoint;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP request body for each kind of endpoint, built with Jackson so every text is escaped as
 * JSON requires: Slack Block Kit, a Teams Workflows message with an Adaptive Card, or the generic
 * webhook JSON carrying the structured fields, the rendered text, the incident reference and the
 * status-page URL.
 */
@ApplicationScoped
public class ChannelBodies {

  public static final String CONTENT_TYPE = "application/json";
  private static final int SLACK_HEADER_MAX = 150;
  private static final int SLACK_SECTION_MAX = 3000;

  private final ObjectMapper mapper;

  public ChannelBodies(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * What is said, independent of the channel.
   *
   * @param kind {@code announcement}, {@code update} or {@code report_share}
   * @param text the rendered text; its first line is the headline
   * @param link where to read more (the status page, or the report)
   * @param linkTitle the link's label
   * @param fields the structured fields of the generic webhook body, in order
   */
  public record Content(
      String kind, String text, String link, String linkTitle, Map<String, Object> fields) {}

  public String body(String endpointKind, String audience, Content content) {
    return switch (endpointKind) {
      case Endpoint.SLACK -> slack(content);
      case Endpoint.TEAMS -> teams(content);
      default -> webhook(audience, content);
    };
  }

  String slack(Content c) {
    String[] parts = split(c.text());
    ObjectNode root = mapper.createObjectNode();
    root.put("text", truncate(parts[0], SLACK_SECTION_MAX));
    ArrayNode blocks = root.putArray("blocks");
    ObjectNode header = blocks.addObject().put("type", "header");
    header
        .putObject("text")
        .put("type", "plain_text")
        .put("text", truncate(parts[0], SLACK_HEADER_MAX));
    if (!parts[1].isEmpty()) {
      blocks
          .addObject()
          .put("type", "section")
          .putObject("text")
          .put("type", "mrkdwn")
          .put("text", truncate(slackEscape(parts[1]), SLACK_SECTION_MAX));
    }
    if (c.link() != null) {
      blocks
          .addObject()
          .put("type", "context")
          .putArray("elements")
          .addObject()
          .put("type", "mrkdwn")
          .put("text", "<" + slackEscape(c.link()) + "|" + slackEscape(c.linkTitle()) + ">");
    }
    return write(root);
  }

  String teams(Content c) {
    String[] parts = split(c.text());
    ObjectNode root = mapper.createObjectNode().put("type", "message");
    ObjectNode attachment =
        root.putArray("attachments")
            .addObject()
            .put("contentType", "application/vnd.microsoft.card.adaptive")
            .putNull("contentUrl");
    ObjectNode card =
        attachment
            .putObject("content")
            .put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
            .put("type", "AdaptiveCard")
            .put("version", "1.4");
    ArrayNode body = card.putArray("body");
    body.addObject()
        .put("type", "TextBlock")
        .put("text", parts[0])
        .put("weight", "Bolder")
        .put("size", "Medium")
        .put("wrap", true);
    if (!parts[1].isEmpty()) {
      body.addObject().put("type", "TextBlock").put("text", parts[1]).put("wrap", true);
    }
    if (c.link() != null) {
      card.putArray("actions")
          .addObject()
          .put("type", "Action.OpenUrl")
          .put("title", c.linkTitle())
          .put("url", c.link());
    }
    return write(root);
  }

  String webhook(String audience, Content c) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("type", c.kind());
    root.put("audience", audience);
    root.putAll(c.fields());
    root.put("text", c.text());
    root.put("link", c.link());
    return write(root);
  }

  private String write(Object node) {
    try {
      return mapper.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a message body", e);
    }
  }

  /** Headline (first line) and the rest. */
  private static String[] split(String text) {
    int newline = text.indexOf('\n');
    return newline < 0
        ? new String[] {text, ""}
        : new String[] {text.substring(0, newline), text.substring(newline + 1).strip()};
  }

  /** Slack's mrkdwn treats these three as control characters. */
  private static String slackEscape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
