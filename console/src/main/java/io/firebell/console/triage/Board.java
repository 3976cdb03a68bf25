package io.firebell.console.triage;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebell.console.backend.Api;
import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the Triage page shows, put together from detection-service's answers as they are: alert
 * groups with their alerts and pages, sorted into domains, CS inquiry clusters apart. It decides
 * nothing the service decides; it only orders and counts what the service said.
 */
final class Board {

  /** Groups whose alerts are read (one call each); the rest show their counts and a link. */
  static final int DETAILED_GROUPS = 25;

  /**
   * Alerts shown per group in the list, and all the list reads of a group; the group's own page
   * shows them all.
   */
  static final int ALERTS_SHOWN = 5;

  /** Pages shown in the pages table. */
  static final int PAGES_SHOWN = 20;

  /** The group statuses people pick from; "active" is open or acknowledged, the default. */
  static final List<String> STATUSES =
      List.of("active", "open", "acknowledged", "dismissed", "resolved");

  static final String CS_INQUIRY = "cs_inquiry";

  private Board() {}

  /** The list's filters as the query string gave them. */
  @TemplateData
  public record Filter(String domain, String status) {

    static Filter of(String domain, String status) {
      String s = status == null || status.isBlank() ? "active" : status.trim();
      return new Filter(
          domain == null || domain.isBlank() ? null : domain.trim(),
          STATUSES.contains(s) ? s : "active");
    }

    /** detection-service's statuses to list: one call per status. */
    List<String> serviceStatuses() {
      return status.equals("active") ? List.of("open", "acknowledged") : List.of(status);
    }

    /** The query of detection-service's list for one status. */
    String listQuery(String serviceStatus) {
      return "status="
          + serviceStatus
          + "&limit=100"
          + (domain == null ? "" : "&domain=" + Api.q(domain));
    }

    /** The same filters for this page's URLs (the live list's and the redirect after a form). */
    public String asQuery() {
      StringBuilder q = new StringBuilder();
      if (domain != null) {
        q.append("&domain=").append(Api.q(domain));
      }
      if (!status.equals("active")) {
        q.append("&status=").append(Api.q(status));
      }
      return q.length() == 0 ? "" : q.substring(1);
    }

    public boolean active() {
      return status.equals("active");
    }
  }

  /**
   * One alert group: the group as listed, and when its detail was read, its counts, the alerts to
   * show (firing first, most re-sent first) and how many more there are; its pages; and for a CS
   * inquiry cluster, the cluster as its alert carries it.
   */
  @TemplateData
  public record GroupCard(
      JsonNode group,
      JsonNode counts,
      List<JsonNode> alerts,
      int moreAlerts,
      List<JsonNode> pages,
      JsonNode cluster) {

    public String id() {
      return group.path("id").asText();
    }

    public boolean detailed() {
      return counts != null;
    }

    /** Deliveries beyond the first of each alert: how often the tools sent them again. */
    public long resends() {
      return counts == null
          ? 0
          : Math.max(0, counts.path("receives").asLong() - counts.path("alerts").asLong());
    }

    public boolean inquiryCluster() {
      return CS_INQUIRY.equals(group.path("kind").asText());
    }

    public boolean canAcknowledge() {
      return "open".equals(status()) && group.path("resolvedAt").isNull();
    }

    public boolean canDeclare() {
      return !"dismissed".equals(status()) && group.path("declaredAt").isNull();
    }

    public boolean canDismiss() {
      return !"dismissed".equals(status()) && group.path("declaredAt").isNull();
    }

    public boolean declared() {
      return !group.path("declaredAt").isNull() && !group.path("declaredAt").isMissingNode();
    }

    public String incidentId() {
      JsonNode id = group.path("incidentId");
      return id.isTextual() ? id.asText() : null;
    }

    /** An alert's labels as {@code name=value, …}, in the order the service gave them. */
    public String labelsOf(JsonNode alert) {
      List<String> pairs = new ArrayList<>();
      alert
          .path("labels")
          .fields()
          .forEachRemaining(e -> pairs.add(e.getKey() + "=" + e.getValue().asText()));
      return String.join(", ", pairs);
    }

    /** Each page of the group in words: who, which level, where it stands. */
    public List<String> pageStates() {
      return pages.stream()
          .map(
              p ->
                  p.path("person").asText()
                      + " (level "
                      + p.path("level").asInt()
                      + "): "
                      + OnCallBoard.state(p))
          .toList();
    }

    private String status() {
      return group.path("status").asText();
    }
  }

  /** A domain's groups, in the order the list shows them. */
  @TemplateData
  public record DomainGroups(String domain, List<GroupCard> groups) {}

  /**
   * detection-service's detail of a group as the list reads it: only the {@link #ALERTS_SHOWN}
   * alerts it shows, in the order it shows them, and the counts of all of them.
   */
  static String detailPath(String groupId) {
    return "/v1/alert-groups/" + groupId + "?alerts=" + ALERTS_SHOWN;
  }

  /**
   * A card for a group: {@code detail} is detection-service's {@code GET /v1/alert-groups/{id}}
   * answer or null when it was not read; {@code pages} are the pages of every group (newest first).
   */
  static GroupCard card(JsonNode group, JsonNode detail, List<JsonNode> pages, int alertsShown) {
    String id = group.path("id").asText();
    List<JsonNode> own =
        pages.stream().filter(p -> id.equals(p.path("alertGroupId").asText())).toList();
    if (detail == null) {
      return new GroupCard(group, null, List.of(), 0, own, null);
    }
    List<JsonNode> alerts = new ArrayList<>();
    detail.path("alerts").forEach(alerts::add);
    alerts.sort(
        Comparator.comparing((JsonNode a) -> !"firing".equals(a.path("status").asText()))
            .thenComparing(a -> -a.path("receiveCount").asLong())
            .thenComparing(a -> a.path("lastReceivedAt").asText(), Comparator.reverseOrder())
            .thenComparing(a -> a.path("summary").asText()));
    JsonNode cluster = null;
    if (CS_INQUIRY.equals(group.path("kind").asText())) {
      cluster =
          alerts.stream()
              .map(a -> a.path("details"))
              .filter(d -> d.has("clusterId"))
              .findFirst()
              .orElse(null);
    }
    int shown = Math.min(alerts.size(), alertsShown);
    // The list reads only the alerts it shows (detailPath); the counts say how many there are.
    int total = Math.max(alerts.size(), detail.path("counts").path("alerts").asInt());
    return new GroupCard(
        detail.path("group").isObject() ? detail.path("group") : group,
        detail.path("counts"),
        List.copyOf(alerts.subList(0, shown)),
        total - shown,
        own,
        cluster);
  }

  /**
   * Groups from several lists (one per status) as one list: each group once, the latest alert
   * first.
   */
  static List<JsonNode> merge(List<List<JsonNode>> lists) {
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    lists.forEach(l -> l.forEach(g -> byId.putIfAbsent(g.path("id").asText(), g)));
    List<JsonNode> all = new ArrayList<>(byId.values());
    all.sort(
        Comparator.comparing(
            (JsonNode g) -> g.path("lastAlertAt").asText(g.path("openedAt").asText()),
            Comparator.reverseOrder()));
    return all;
  }

  /** The cards that are not CS inquiry clusters, by domain (domains in alphabetical order). */
  static List<DomainGroups> byDomain(List<GroupCard> cards) {
    Map<String, List<GroupCard>> domains = new TreeMap<>();
    for (GroupCard c : cards) {
      if (!c.inquiryCluster()) {
        domains
            .computeIfAbsent(c.group().path("domain").asText("unrouted"), d -> new ArrayList<>())
            .add(c);
      }
    }
    return domains.entrySet().stream()
        .map(e -> new DomainGroups(e.getKey(), e.getValue()))
        .toList();
  }

  static List<GroupCard> clusters(List<GroupCard> cards) {
    return cards.stream().filter(GroupCard::inquiryCluster).toList();
  }

  /** The pages to list: of the domain when one is picked, newest first, at most {@code max}. */
  static List<JsonNode> pages(List<JsonNode> pages, String domain, int max) {
    return pages.stream()
        .filter(p -> domain == null || domain.equals(p.path("domain").asText()))
        .limit(max)
        .toList();
  }

  /**
   * Where a redirect after a form goes: the group's own page when the form was there, else the list
   * with its filters. Only these two, whatever the form says.
   */
  static String back(String from, String groupId, Filter filter, String done) {
    if ("group".equals(from)) {
      return "/triage/groups/" + groupId + "?done=" + done;
    }
    String q = filter.asQuery();
    return "/triage?done=" + done + "&group=" + groupId + (q.isEmpty() ? "" : "&" + q);
  }
}
