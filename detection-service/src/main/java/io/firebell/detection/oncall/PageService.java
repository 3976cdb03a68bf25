package io.firebell.detection.oncall;

import io.firebell.detection.model.AlertGroupStatus;
import io.firebell.detection.model.Page;
import io.firebell.detection.repository.AlertGroupRepository;
import io.firebell.detection.repository.PageRepository;
import io.firebell.platform.outbox.Outbox;
import io.firebell.platform.problem.ProblemException;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Pages as responders see them, and their acknowledgement. */
@ApplicationScoped
public class PageService {

  private final PageRepository pages;
  private final AlertGroupRepository groups;
  private final Outbox outbox;
  private final Clock clock;

  public PageService(
      PageRepository pages, AlertGroupRepository groups, Outbox outbox, Clock clock) {
    this.pages = pages;
    this.groups = groups;
    this.outbox = outbox;
    this.clock = clock;
  }

  @WithSession
  public Uni<List<Page>> list(UUID alertGroupId, String person) {
    if (alertGroupId != null) {
      return pages.list("alertGroupId", Sort.ascending("createdAt"), alertGroupId);
    }
    if (person != null) {
      return pages.list("person", Sort.descending("createdAt"), person);
    }
    return pages.findAll(Sort.descending("createdAt")).page(0, 200).list();
  }

  /** The paged person acknowledges: the page stops escalating and the group is acknowledged. */
  @WithTransaction
  @WithSpan("PageService.acknowledge")
  public Uni<Page> acknowledge(UUID id, String person) {
    Instant now = Instant.now(clock);
    return pages
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("page", id))
        .call(
            page -> {
              var acked = page.acknowledge(person, now);
              if (acked == null) {
                return Uni.createFrom().voidItem();
              }
              return outbox
                  .append(acked)
                  .chain(() -> groups.findById(page.getAlertGroupId()))
                  .chain(
                      g ->
                          g != null
                                  && g.getResolvedAt() == null
                                  && g.getStatus() == AlertGroupStatus.OPEN
                              ? outbox.append(g.acknowledge(person, now))
                              : Uni.createFrom().voidItem());
            });
  }
}
