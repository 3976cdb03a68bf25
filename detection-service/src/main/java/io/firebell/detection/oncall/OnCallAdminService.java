package io.firebell.detection.oncall;

import io.firebell.detection.model.EscalationPolicy;
import io.firebell.detection.model.Person;
import io.firebell.detection.model.Schedule;
import io.firebell.detection.model.ScheduleOverride;
import io.firebell.detection.repository.DomainRepository;
import io.firebell.detection.repository.EscalationPolicyRepository;
import io.firebell.detection.repository.PersonRepository;
import io.firebell.detection.repository.ScheduleOverrideRepository;
import io.firebell.detection.repository.ScheduleRepository;
import io.firebell.platform.problem.ProblemException;
import io.firebell.platform.secrets.SecretBox;
import io.firebell.platform.webhooks.StandardWebhooks;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/** People (notification webhooks), schedules, overrides, escalation policies, who is on call. */
@ApplicationScoped
public class OnCallAdminService {

  private final PersonRepository people;
  private final ScheduleRepository schedules;
  private final ScheduleOverrideRepository overrides;
  private final EscalationPolicyRepository policies;
  private final DomainRepository domains;
  private final OnCallService onCall;
  private final SecretBox secretBox;
  private final Clock clock;

  public OnCallAdminService(
      PersonRepository people,
      ScheduleRepository schedules,
      ScheduleOverrideRepository overrides,
      EscalationPolicyRepository policies,
      DomainRepository domains,
      OnCallService onCall,
      SecretBox secretBox,
      Clock clock) {
    this.people = people;
    this.schedules = schedules;
    this.overrides = overrides;
    this.policies = policies;
    this.domains = domains;
    this.onCall = onCall;
    this.secretBox = secretBox;
    this.clock = clock;
  }

  public record PersonSaved(Person person, String newSecret) {}

  /**
   * Sets a person's webhook; a secret is generated on first use or when {@code rotate} (the old one
   * is never signed with again), and stored sealed; the answer carries its plaintext this once.
   */
  @WithTransaction
  @WithSpan("OnCallAdminService.putPerson")
  public Uni<PersonSaved> putPerson(String id, String name, String webhookUrl, boolean rotate) {
    Instant now = Instant.now(clock);
    return people
        .findById(id)
        .chain(
            existing -> {
              Person p = existing != null ? existing : Person.create(id, now);
              String secret =
                  existing == null || existing.getWebhookSecret() == null || rotate
                      ? StandardWebhooks.newSecret()
                      : null;
              p.update(name, webhookUrl, secretBox.seal(secret), now);
              return (existing == null ? people.persist(p) : Uni.createFrom().item(p))
                  .map(saved -> new PersonSaved(saved, secret));
            });
  }

  @WithSession
  public Uni<List<Person>> people() {
    return people.listAll(Sort.ascending("id"));
  }

  @WithTransaction
  @WithSpan("OnCallAdminService.createSchedule")
  public Uni<Schedule> createSchedule(
      String name,
      String zone,
      List<String> members,
      String length,
      LocalTime handoff,
      LocalDate startsOn) {
    return schedules
        .find("name", name)
        .firstResult()
        .chain(
            existing -> {
              if (existing != null) {
                return Uni.createFrom()
                    .failure(ProblemException.conflict("a schedule named '" + name + "' exists"));
              }
              return schedules.persist(
                  Schedule.create(
                      name, zone, members, length, handoff, startsOn, Instant.now(clock)));
            });
  }

  @WithSession
  public Uni<List<Schedule>> schedules() {
    return schedules.listAll(Sort.ascending("name"));
  }

  @WithSession
  public Uni<Schedule> schedule(UUID id) {
    return schedules
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("schedule", id));
  }

  @WithSession
  public Uni<List<ScheduleOverride>> overrides(UUID schedule) {
    return overrides.list("scheduleId", Sort.ascending("startsAt"), schedule);
  }

  @WithTransaction
  @WithSpan("OnCallAdminService.addOverride")
  public Uni<ScheduleOverride> addOverride(
      UUID schedule, String person, Instant from, Instant to, String by) {
    return schedules
        .findById(schedule)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("schedule", schedule))
        .chain(
            s ->
                overrides.persist(
                    ScheduleOverride.create(schedule, person, from, to, by, Instant.now(clock))));
  }

  @WithTransaction
  @WithSpan("OnCallAdminService.createPolicy")
  public Uni<EscalationPolicy> createPolicy(
      String name, List<EscalationPolicy.Level> levels, int repeat) {
    return checkTargets(levels)
        .chain(() -> policies.find("name", name).firstResult())
        .chain(
            existing -> {
              if (existing != null) {
                return Uni.createFrom()
                    .failure(
                        ProblemException.conflict(
                            "an escalation policy named '" + name + "' exists"));
              }
              return policies.persist(
                  EscalationPolicy.create(name, levels, repeat, Instant.now(clock)));
            });
  }

  @WithTransaction
  @WithSpan("OnCallAdminService.updatePolicy")
  public Uni<EscalationPolicy> updatePolicy(
      UUID id, String name, List<EscalationPolicy.Level> levels, int repeat) {
    return checkTargets(levels)
        .chain(() -> policies.findById(id))
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("escalation policy", id))
        .invoke(p -> p.update(name, levels, repeat, Instant.now(clock)));
  }

  @WithSession
  public Uni<List<EscalationPolicy>> policies() {
    return policies.listAll(Sort.ascending("name"));
  }

  @WithSession
  public Uni<EscalationPolicy> policy(UUID id) {
    return policies
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("escalation policy", id));
  }

  public record DomainOnCall(
      String domain, UUID escalationPolicyId, Instant at, List<LevelOnCall> levels) {}

  public record LevelOnCall(
      int level,
      String targetType,
      String target,
      String person,
      UUID scheduleId,
      int ackTimeoutSeconds) {}

  /** Who each level of the domain's policy would page at {@code at}. */
  @WithSession
  @WithSpan("OnCallAdminService.onCall")
  public Uni<DomainOnCall> onCall(String domain, Instant at) {
    return domains
        .findById(domain)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("domain", domain))
        .chain(
            d -> {
              if (d.getEscalationPolicyId() == null) {
                return Uni.createFrom().item(new DomainOnCall(domain, null, at, List.of()));
              }
              return policies
                  .findById(d.getEscalationPolicyId())
                  .chain(p -> levels(p, 0, at, new java.util.ArrayList<>()))
                  .map(l -> new DomainOnCall(domain, d.getEscalationPolicyId(), at, l));
            });
  }

  private Uni<List<LevelOnCall>> levels(
      EscalationPolicy p, int i, Instant at, List<LevelOnCall> out) {
    if (i >= p.getLevels().size()) {
      return Uni.createFrom().item(out);
    }
    EscalationPolicy.Level l = p.getLevels().get(i);
    Uni<OnCallService.OnCall> who =
        "schedule".equals(l.targetType())
            ? onCall.onCall(UUID.fromString(l.target()), at)
            : Uni.createFrom().item(new OnCallService.OnCall(null, null, l.target(), null));
    return who.chain(
        w -> {
          out.add(
              new LevelOnCall(
                  i + 1,
                  l.targetType(),
                  l.target(),
                  w == null ? null : w.person(),
                  w == null ? null : w.scheduleId(),
                  l.ackTimeoutSeconds()));
          return levels(p, i + 1, at, out);
        });
  }

  private Uni<Void> checkTargets(List<EscalationPolicy.Level> levels) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (int i = 0; i < levels.size(); i++) {
      EscalationPolicy.Level l = levels.get(i);
      String field = "levels[" + i + "].target";
      if ("schedule".equals(l.targetType())) {
        UUID id;
        try {
          id = UUID.fromString(l.target());
        } catch (IllegalArgumentException e) {
          throw ProblemException.invalid(field, "must be a schedule id");
        }
        chain =
            chain.chain(
                () ->
                    schedules
                        .findById(id)
                        .onItem()
                        .ifNull()
                        .failWith(() -> ProblemException.invalid(field, "no schedule " + id))
                        .replaceWithVoid());
      }
    }
    return chain;
  }
}
