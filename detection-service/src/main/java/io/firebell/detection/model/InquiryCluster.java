package io.firebell.detection.model;

import io.firebell.contracts.detection.AlertReceived;
import io.firebell.contracts.detection.InquiryClusterOpened;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Similar CS inquiries that crossed the threshold together. It travels to grouping inside its
 * {@code cs_inquiry} alert's {@code details} (the one place that shape is written and read, so
 * {@code alert.received} and the stored alert keep their JSON), and grouping announces it with
 * {@code inquiry-cluster.opened} when the alert opens its group.
 *
 * @param matchedOn {@code service_category} or {@code platform_version}
 * @param category null when matched on platform and version
 * @param appPlatform null when matched on service and category
 * @param appVersion null as above
 * @param firstInquiryAt when the earliest inquiry of the cluster was received
 */
public record InquiryCluster(
    UUID clusterId,
    String matchedOn,
    String service,
    String category,
    String appPlatform,
    String appVersion,
    int inquiryCount,
    List<UUID> inquiryIds,
    List<String> channels,
    Instant firstInquiryAt) {

  /** The source kind of the alert a cluster becomes. */
  public static final String SOURCE_KIND = "cs_inquiry";

  public InquiryCluster {
    inquiryIds = List.copyOf(inquiryIds);
    channels = List.copyOf(channels);
  }

  /** The cluster as its alert's {@code details}. */
  public Map<String, Object> details() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("clusterId", clusterId.toString());
    d.put("matchedOn", matchedOn);
    d.put("service", service);
    d.put("category", category);
    d.put("appPlatform", appPlatform);
    d.put("appVersion", appVersion);
    d.put("inquiryCount", inquiryCount);
    d.put("inquiryIds", inquiryIds.stream().map(UUID::toString).toList());
    d.put("channels", channels);
    d.put("firstInquiryAt", firstInquiryAt == null ? null : firstInquiryAt.toString());
    return d;
  }

  /** The cluster a {@code cs_inquiry} alert carries; null for any other alert. */
  public static InquiryCluster of(AlertReceived a) {
    if (!SOURCE_KIND.equals(a.sourceKind())) {
      return null;
    }
    Map<String, Object> d = a.details();
    List<UUID> ids = texts(d.get("inquiryIds")).stream().map(UUID::fromString).toList();
    String first = text(d.get("firstInquiryAt"));
    return new InquiryCluster(
        UUID.fromString(a.dedupKey()),
        text(d.get("matchedOn")),
        text(d.get("service")),
        text(d.get("category")),
        text(d.get("appPlatform")),
        text(d.get("appVersion")),
        d.get("inquiryCount") instanceof Number n ? n.intValue() : ids.size(),
        ids,
        texts(d.get("channels")),
        first == null ? a.startsAt() : Instant.parse(first));
  }

  /** The cluster opened {@code group}; {@code summary} is its alert's. */
  public InquiryClusterOpened opened(AlertGroup group, String summary, Instant now) {
    return new InquiryClusterOpened(
        clusterId,
        group.getId(),
        group.getDomain(),
        service,
        category,
        appPlatform,
        appVersion,
        matchedOn,
        inquiryCount,
        inquiryIds,
        channels,
        summary,
        firstInquiryAt,
        now);
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private static List<String> texts(Object value) {
    return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
  }
}
