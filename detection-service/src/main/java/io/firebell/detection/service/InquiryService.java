package io.firebell.detection.service;

import io.firebell.contracts.detection.AlertReceived;
import io.firebell.detection.config.DetectionConfig;
import io.firebell.detection.ingest.Normalizer;
import io.firebell.detection.model.AlertStatus;
import io.firebell.detection.model.Inquiry;
import io.firebell.detection.model.InquiryCluster;
import io.firebell.detection.repository.InquiryRepository;
import io.firebell.detection.routing.RouteCache;
import io.firebell.detection.routing.Severity;
import io.firebell.detection.routing.SignalKind;
import io.firebell.platform.outbox.Outbox;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * CS inquiries. When {@code threshold} similar inquiries (same service and category, or same app
 * platform and version) arrive within {@code window}, they form a cluster that becomes a {@code
 * cs_inquiry} signal: an {@code alert.received} appended to the outbox in the same transaction,
 * routed like any alert, so the grouping consumer opens (and pages) a group for it and publishes
 * {@code inquiry-cluster.opened}.
 */
@ApplicationScoped
public class InquiryService {

  private final InquiryRepository inquiries;
  private final Outbox outbox;
  private final Normalizer normalizer;
  private final RouteCache routes;
  private final DetectionConfig config;

  public InquiryService(
      InquiryRepository inquiries,
      Outbox outbox,
      Normalizer normalizer,
      RouteCache routes,
      DetectionConfig config) {
    this.inquiries = inquiries;
    this.outbox = outbox;
    this.normalizer = normalizer;
    this.routes = routes;
    this.config = config;
  }

  public record Result(Inquiry inquiry, UUID clusterId) {}

  @WithTransaction
  @WithSpan("InquiryService.report")
  public Uni<Result> report(Inquiry inquiry) {
    Instant now = inquiry.getReceivedAt();
    return inquiries
        .persist(inquiry)
        .chain(() -> cluster(inquiry, "service_category", now))
        .chain(
            cluster ->
                cluster != null
                        || inquiry.getAppPlatform() == null
                        || inquiry.getAppVersion() == null
                    ? Uni.createFrom().item(cluster)
                    : cluster(inquiry, "platform_version", now))
        .map(cluster -> new Result(inquiry, cluster));
  }

  private Uni<UUID> cluster(Inquiry inquiry, String matchedOn, Instant now) {
    boolean byService = "service_category".equals(matchedOn);
    String key =
        byService
            ? "sc:" + inquiry.getService() + "|" + inquiry.getCategory()
            : "pv:" + inquiry.getAppPlatform() + "|" + inquiry.getAppVersion();
    Instant since = now.minus(config.inquiries().window());
    String where =
        byService
            ? "service = ?1 and category = ?2 and receivedAt >= ?3"
            : "appPlatform = ?1 and appVersion = ?2 and receivedAt >= ?3";
    Object a = byService ? inquiry.getService() : inquiry.getAppPlatform();
    Object b = byService ? inquiry.getCategory() : inquiry.getAppVersion();
    // Serialize clustering per key, so two inquiries crossing the threshold at once open one
    // cluster.
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery("select pg_advisory_xact_lock(hashtext(:k))")
                    .setParameter("k", key)
                    .getSingleResult())
        .chain(
            () ->
                Panache.getSession()
                    .chain(
                        s ->
                            s.createNativeQuery(
                                    "select cast(id as text) from inquiry_cluster where match_key"
                                        + " = :k and window_ends_at > :now")
                                .setParameter("k", key)
                                .setParameter("now", now)
                                .getResultList()))
        .chain(
            open -> {
              if (!open.isEmpty()) {
                UUID existing = UUID.fromString(String.valueOf(open.get(0)));
                inquiry.joinCluster(existing);
                return Uni.createFrom().item(existing);
              }
              return inquiries
                  .list(where, Sort.ascending("receivedAt"), a, b, since)
                  .chain(
                      similar -> {
                        if (similar.size() < config.inquiries().threshold()) {
                          return Uni.createFrom().nullItem();
                        }
                        return open(key, matchedOn, inquiry, similar, now);
                      });
            });
  }

  private Uni<UUID> open(
      String key, String matchedOn, Inquiry trigger, List<Inquiry> similar, Instant now) {
    UUID cluster = UUID.randomUUID();
    similar.forEach(i -> i.joinCluster(cluster));
    boolean byService = "service_category".equals(matchedOn);
    Map<String, String> labels = new TreeMap<>();
    labels.put("alertname", "cs_inquiry");
    labels.put("signal_kind", SignalKind.CS_INQUIRY);
    labels.put("service", trigger.getService());
    labels.put("category", trigger.getCategory());
    if (!byService) {
      labels.put("app_platform", trigger.getAppPlatform());
      labels.put("app_version", trigger.getAppVersion());
    }
    String summary =
        similar.size()
            + " customer inquiries about "
            + trigger.getService()
            + (byService
                ? " (" + trigger.getCategory() + ")"
                : " on " + trigger.getAppPlatform() + " " + trigger.getAppVersion())
            + " within "
            + config.inquiries().window().toMinutes()
            + " min";
    Map<String, Object> details =
        new InquiryCluster(
                cluster,
                matchedOn,
                trigger.getService(),
                byService ? trigger.getCategory() : null,
                byService ? null : trigger.getAppPlatform(),
                byService ? null : trigger.getAppVersion(),
                similar.size(),
                similar.stream().map(Inquiry::getId).toList(),
                similar.stream().map(Inquiry::getChannel).distinct().toList(),
                similar.get(0).getReceivedAt())
            .details();
    AlertReceived routed =
        normalizer.route(
            routes.table(),
            new Normalizer.Incoming(
                InquiryCluster.SOURCE_KIND,
                cluster.toString(),
                AlertStatus.FIRING.wire(),
                labels,
                Map.of("summary", summary),
                summary,
                similar.get(0).getReceivedAt(),
                null,
                null,
                Map.of(),
                details,
                Severity.ERROR),
            null,
            now);
    AlertReceived signal =
        new AlertReceived(
            routed.alertId(),
            null,
            routed.sourceKind(),
            routed.dedupKey(),
            routed.status(),
            SignalKind.CS_INQUIRY,
            routed.severity(),
            routed.domain(),
            routed.service(),
            null,
            routed.routeId(),
            routed.routeKey(),
            routed.labels(),
            routed.annotations(),
            routed.summary(),
            routed.startsAt(),
            null,
            null,
            Map.of(),
            details,
            now);
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "insert into inquiry_cluster (id, match_key, matched_on, service, category,"
                            + " app_platform, app_version, inquiry_count, opened_at, window_ends_at)"
                            + " values (:id, :k, :m, :s, :c, :p, :v, :n, :now, :ends)")
                    .setParameter("id", cluster)
                    .setParameter("k", key)
                    .setParameter("m", matchedOn)
                    .setParameter("s", trigger.getService())
                    .setParameter("c", trigger.getCategory())
                    .setParameter("p", trigger.getAppPlatform())
                    .setParameter("v", trigger.getAppVersion())
                    .setParameter("n", similar.size())
                    .setParameter("now", now)
                    .setParameter("ends", now.plus(config.inquiries().window()))
                    .executeUpdate())
        .chain(() -> outbox.append(signal))
        .replaceWith(cluster);
  }
}
