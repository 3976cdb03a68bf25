package io.firebell.detection.oncall;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.contracts.FirebellEvent;
import io.firebell.detection.config.DetectionConfig;
import io.firebell.detection.model.AlertGroup;
import io.firebell.detection.model.AlertGroupStatus;
import io.firebell.detection.model.Page;
import io.firebell.detection.model.PageStatus;
import io.firebell.detection.model.Person;
import io.firebell.detection.repository.AlertGroupRepository;
import io.firebell.detection.repository.PageRepository;
import io.firebell.detection.repository.PersonRepository;
import io.firebell.platform.boot.InFlight;
import io.firebell.platform.outbound.OutboundGuard;
import io.firebell.platform.outbound.OutboundHttp;
import io.firebell.platform.outbound.OutboundResult;
import io.firebell.platform.outbox.Outbox;
import io.firebell.platform.secrets.SecretBox;
import io.firebell.platform.webhooks.StandardWebhooks;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Delivers due pages and escalates unacknowledged ones, from the {@code page} table: every timer is
 * a column, so a restarted instance (or any replica) carries on where another stopped. A page is
 * leased ({@code deliver_at}/{@code escalates_at} pushed a minute ahead, {@code FOR UPDATE SKIP
 * LOCKED}) before the webhook call, so two replicas never deliver or escalate the same page at
 * once; a crash mid-delivery re-delivers after the lease (receivers deduplicate on {@code
 * webhook-id}).
 *
 * <p>The webhook call goes through the suite's outbound guard ({@link OutboundHttp}): checked
 * addresses only, no redirects, one deadline ({@code firebell.detection.paging.webhook-timeout})
 * over the whole exchange and a capped response body. A failed page records only a coarse reason
 * ("timed out", "connection failed", "HTTP 5xx", "refused by the outbound guard"): any viewer reads
 * it, and a socket error or the receiver's body would make it a probe of the network behind
 * Firebell.
 */
@ApplicationScoped
public class PageScheduler {

  private static final Logger LOG = Logger.getLogger(PageScheduler.class);
  private static final String USER_AGENT = "Firebell-Paging/0.1 (+https://firebell.io)";
  // Pages of one pass are sent one after another: one connection per receiver is enough.
  private static final int CONNECTIONS_PER_RECEIVER = 2;

  // The statuses are part of the statement text, not parameters: the partial indexes on due pages
  // (page_due_delivery, page_due_escalation) serve only a query that names their status.
  private static final String CLAIM_DELIVERIES =
      "update page set deliver_at = now() + interval '60 seconds' where id in (select id"
          + " from page where status = '"
          + PageStatus.PENDING.wire()
          + "' and deliver_at <= now() order by deliver_at"
          + " limit $1 for update skip locked) returning id";

  private static final String CLAIM_ESCALATIONS =
      "update page set escalates_at = now() + interval '60 seconds' where id in"
          + " (select id from page where status in ('"
          + PageStatus.SENT.wire()
          + "', '"
          + PageStatus.FAILED.wire()
          + "') and escalates_at <= now() order by escalates_at limit $1 for update skip"
          + " locked) returning id";

  private final Pool pool;
  private final PageRepository pages;
  private final AlertGroupRepository groups;
  private final PersonRepository people;
  private final PagingService paging;
  private final Outbox outbox;
  private final DetectionConfig config;
  private final ObjectMapper mapper;
  private final OutboundHttp http;
  private final SecretBox secretBox;
  private final Clock clock;

  public PageScheduler(
      Pool pool,
      PageRepository pages,
      AlertGroupRepository groups,
      PersonRepository people,
      PagingService paging,
      Outbox outbox,
      DetectionConfig config,
      ObjectMapper mapper,
      Vertx vertx,
      OutboundGuard guard,
      SecretBox secretBox,
      Clock clock) {
    this.pool = pool;
    this.pages = pages;
    this.groups = groups;
    this.people = people;
    this.paging = paging;
    this.outbox = outbox;
    this.config = config;
    this.mapper = mapper;
    this.http = new OutboundHttp(vertx, guard, CONNECTIONS_PER_RECEIVER, USER_AGENT);
    this.secretBox = secretBox;
    this.clock = clock;
  }

  void close(@Observes ShutdownEvent event) {
    http.close();
  }

  @Scheduled(
      every = "1s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> tick() {
    if (!config.paging().enabled()) {
      return Uni.createFrom().voidItem();
    }
    // Counted, so that a stop waits for the pass (boot/Quiesce).
    return InFlight.track(this::runOnce)
        .onFailure()
        .recoverWithItem(
            e -> {
              LOG.warnf("paging scheduler: %s", e.getMessage());
              return null;
            });
  }

  /** One pass: due deliveries, then due escalations. Public so tests can run a "fresh" pass. */
  public Uni<Void> runOnce() {
    return claim(CLAIM_DELIVERIES)
        .chain(
            ids ->
                Multi.createFrom()
                    .iterable(ids)
                    .onItem()
                    .transformToUniAndConcatenate(this::deliver)
                    .collect()
                    .last())
        .chain(() -> claim(CLAIM_ESCALATIONS))
        .chain(
            ids ->
                Multi.createFrom()
                    .iterable(ids)
                    .onItem()
                    .transformToUniAndConcatenate(this::escalate)
                    .collect()
                    .last())
        .replaceWithVoid();
  }

  private Uni<List<UUID>> claim(String sql) {
    return pool.preparedQuery(sql)
        .execute(Tuple.of(config.paging().batchSize()))
        .map(
            rows -> {
              List<UUID> ids = new ArrayList<>();
              for (Row row : rows) {
                ids.add(row.getUUID("id"));
              }
              return ids;
            });
  }

  private record Delivery(Page page, AlertGroup group, Person person) {}

  private Uni<Void> deliver(UUID pageId) {
    return Panache.withSession(
            () ->
                pages
                    .findById(pageId)
                    .chain(
                        page ->
                            groups
                                .findById(page.getAlertGroupId())
                                .chain(
                                    group ->
                                        people
                                            .findById(page.getPerson())
                                            .map(person -> new Delivery(page, group, person)))))
        .chain(
            d -> {
              if (d.group().getResolvedAt() != null
                  || d.group().getStatus() != AlertGroupStatus.OPEN) {
                return Panache.withTransaction(
                    () -> pages.findById(pageId).invoke(Page::cancel).replaceWithVoid());
              }
              if (d.person() == null || d.person().getWebhookUrl() == null) {
                return failed(
                    pageId, "person " + d.page().getPerson() + " has no notification webhook");
              }
              return post(d)
                  .chain(
                      answer ->
                          answer.succeeded()
                              ? delivered(pageId)
                              : failed(pageId, answer.errorCategory()))
                  // Recording failed: the lease runs out and the page goes again (same webhook-id).
                  .onFailure()
                  .recoverWithItem(
                      e -> {
                        LOG.warnf(
                            "page %s: recording its delivery failed: %s", pageId, e.getMessage());
                        return null;
                      });
            });
  }

  private Uni<Void> delivered(UUID pageId) {
    return Panache.withTransaction(
        () ->
            pages
                .findById(pageId)
                .chain(
                    p ->
                        p.getStatus() == PageStatus.PENDING
                            ? outbox.append(p.delivered(Instant.now(clock)))
                            : Uni.createFrom().voidItem()));
  }

  private Uni<Void> failed(UUID pageId, String error) {
    LOG.warnf("page %s not delivered: %s", pageId, error);
    return Panache.withTransaction(
        () ->
            pages
                .findById(pageId)
                .invoke(
                    p -> p.deliveryFailed(error, config.paging().maxAttempts(), Instant.now(clock)))
                .replaceWithVoid());
  }

  private Uni<OutboundResult> post(Delivery d) {
    Page p = d.page();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "page");
    body.put("pageId", p.getId());
    body.put("alertGroupId", p.getAlertGroupId());
    body.put("domain", p.getDomain());
    body.put("level", p.getLevel());
    body.put("round", p.getRound());
    body.put("person", p.getPerson());
    body.put("severity", p.getSeverity());
    body.put("summary", p.getSummary());
    body.put("service", d.group().getService());
    body.put("acknowledgePath", "/v1/pages/" + p.getId() + "/acknowledge");
    body.put("alertGroupPath", "/v1/alert-groups/" + p.getAlertGroupId());
    String json;
    try {
      json = mapper.writeValueAsString(body);
    } catch (Exception e) {
      return Uni.createFrom().failure(e);
    }
    String id = p.getId().toString();
    long timestamp = Instant.now(clock).getEpochSecond();
    Map<String, String> headers =
        Map.of(
            StandardWebhooks.ID,
            id,
            StandardWebhooks.TIMESTAMP,
            Long.toString(timestamp),
            StandardWebhooks.SIGNATURE,
            StandardWebhooks.sign(
                secretBox.open(d.person().getWebhookSecret()), id, timestamp, json));
    return Uni.createFrom()
        .completionStage(
            () ->
                http.post(
                        d.person().getWebhookUrl(),
                        "application/json",
                        headers,
                        json,
                        config.paging().webhookTimeout())
                    .toCompletionStage());
  }

  private Uni<Void> escalate(UUID pageId) {
    return Panache.withTransaction(
        () ->
            pages
                .findById(pageId)
                .chain(
                    page ->
                        groups
                            .findById(page.getAlertGroupId())
                            .chain(group -> paging.escalate(page, group, Instant.now(clock)))
                            .chain((List<FirebellEvent> events) -> outbox.appendAll(events))));
  }
}
