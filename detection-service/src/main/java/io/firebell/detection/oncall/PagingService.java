package io.firebell.detection.oncall;

import io.firebell.contracts.FirebellEvent;
import io.firebell.detection.model.AlertGroup;
import io.firebell.detection.model.AlertGroupStatus;
import io.firebell.detection.model.EscalationPolicy;
import io.firebell.detection.model.Page;
import io.firebell.detection.repository.DomainRepository;
import io.firebell.detection.repository.EscalationPolicyRepository;
import io.firebell.detection.repository.PageRepository;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Plans pages inside the caller's transaction: the first page of a group, and the next page when
 * one escalates. Delivery happens later, from the database ({@link PageScheduler}).
 */
@ApplicationScoped
public class PagingService {

  private static final Logger LOG = Logger.getLogger(PagingService.class);

  private final DomainRepository domains;
  private final EscalationPolicyRepository policies;
  private final PageRepository pages;
  private final OnCallService onCall;

  public PagingService(
      DomainRepository domains,
      EscalationPolicyRepository policies,
      PageRepository pages,
      OnCallService onCall) {
    this.domains = domains;
    this.policies = policies;
    this.pages = pages;
    this.onCall = onCall;
  }

  /** Pages level 1 of the domain's policy for the group; marks the group paged either way. */
  @WithSpan("PagingService.pageGroup")
  public Uni<Page> pageGroup(AlertGroup group, Instant now) {
    group.markPaged(now);
    return domains
        .findById(group.getDomain())
        .chain(
            domain -> {
              if (domain == null || domain.getEscalationPolicyId() == null) {
                LOG.warnf(
                    "alert group %s: domain %s has no escalation policy, nobody paged",
                    group.getId(), group.getDomain());
                return Uni.createFrom().nullItem();
              }
              return policies
                  .findById(domain.getEscalationPolicyId())
                  .chain(policy -> page(group, policy, 1, 1, now));
            });
  }

  /**
   * Creates the page of {@code level} in {@code round}; a level whose schedule has nobody on call
   * is skipped to the next. Null when nobody could be found.
   */
  public Uni<Page> page(
      AlertGroup group, EscalationPolicy policy, int level, int round, Instant now) {
    if (policy == null || policy.getLevels().isEmpty()) {
      return Uni.createFrom().nullItem();
    }
    EscalationPolicy.Level l = policy.level(level);
    int[] after = policy.next(level, round);
    Duration timeout = after == null ? null : Duration.ofSeconds(l.ackTimeoutSeconds());
    Uni<OnCallService.OnCall> target =
        "schedule".equals(l.targetType())
            ? onCall.onCall(UUID.fromString(l.target()), now)
            : Uni.createFrom().item(new OnCallService.OnCall(null, null, l.target(), null));
    return target.chain(
        who -> {
          if (who == null || who.person() == null) {
            LOG.warnf(
                "alert group %s: nobody on call at level %d of policy %s",
                group.getId(), level, policy.getName());
            return after == null
                ? Uni.createFrom().nullItem()
                : page(group, policy, after[0], after[1], now);
          }
          Page p =
              Page.create(
                  group,
                  policy.getId(),
                  level,
                  round,
                  who.person(),
                  who.scheduleId(),
                  timeout,
                  now);
          return pages.persist(p);
        });
  }

  /** Escalates a page whose acknowledgement timer ran out; returns the events. */
  @WithSpan("PagingService.escalate")
  public Uni<List<FirebellEvent>> escalate(Page page, AlertGroup group, Instant now) {
    List<FirebellEvent> events = new ArrayList<>();
    if (group == null
        || group.getResolvedAt() != null
        || group.getStatus() != AlertGroupStatus.OPEN) {
      // Acknowledged, dismissed or resolved meanwhile: nothing to escalate.
      page.cancel();
      page.exhausted();
      return Uni.createFrom().item(events);
    }
    return policies
        .findById(page.getPolicyId())
        .chain(
            policy -> {
              int[] next = policy == null ? null : policy.next(page.getLevel(), page.getRound());
              if (next == null) {
                page.exhausted();
                return Uni.createFrom().item(events);
              }
              return page(group, policy, next[0], next[1], now)
                  .map(
                      nextPage -> {
                        events.add(page.escalated(nextPage, now));
                        return events;
                      });
            });
  }
}
