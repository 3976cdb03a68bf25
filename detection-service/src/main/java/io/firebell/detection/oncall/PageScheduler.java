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
import io.firebell.platform.outbox.Outbox;
import io.firebell.platform.secrets.SecretBox;
import io.firebell.platform.webhooks.StandardWebhooks;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
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
 */
@ApplicationScoped
public class PageScheduler {

  private static final Logger LOG = Logger.getLogger(PageScheduler.class);

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
  private final HttpClient http;
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
    this.http = vertx.createHttpClient();
    this.secretBox = secretBox;
    this.clock = clock;
  }

  @Scheduled(
      every = "1s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> tick() {
    if (!config.paging().enabled()) {
      return Uni.createFrom().voidItem();
    }
    return runOnce()
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
                      () ->
                          Panache.withTransaction(
                              () ->
                                  pages
                                      .findById(pageId)
                                      .chain(
                                          p ->
                                              p.getStatus() == PageStatus.PENDING
                                                  ? outbox.append(p.delivered(Instant.now(clock)))
                                                  : Uni.createFrom().voidItem())))
                  .onFailure()
                  .recoverWithUni(e -> failed(pageId, e.getMessage()));
            });
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

  private Uni<Void> post(Delivery d) {
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
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(d.person().getWebhookUrl())
            .setFollowRedirects(false)
            .setTimeout(config.paging().webhookTimeout().toMillis())
            .putHeader("content-type", "application/json")
            .putHeader(StandardWebhooks.ID, id)
            .putHeader(StandardWebhooks.TIMESTAMP, Long.toString(timestamp))
            .putHeader(
                StandardWebhooks.SIGNATURE,
                StandardWebhooks.sign(
                    secretBox.open(d.person().getWebhookSecret()), id, timestamp, json));
    return http.request(options)
        .chain(req -> req.send(Buffer.buffer(json)))
        .chain(
            resp ->
                resp.body()
                    .chain(
                        b ->
                            resp.statusCode() / 100 == 2
                                ? Uni.createFrom().voidItem()
                                : Uni.createFrom()
                                    .failure(
                                        new IllegalStateException(
                                            "webhook answered " + resp.statusCode()))));
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
