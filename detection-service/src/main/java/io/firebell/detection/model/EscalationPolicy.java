package io.firebell.detection.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Who is paged, in order: level 1 first; a page not acknowledged within its level's timeout
 * escalates to the next level; after the last level the policy starts over {@code repeatCount} more
 * times.
 */
@Entity
@Table(name = "escalation_policy")
public class EscalationPolicy {

  /**
   * One level: a schedule (its on-call at that moment) or a person.
   *
   * @param targetType {@code schedule} or {@code person}
   * @param target the schedule id or the person id
   */
  public record Level(String targetType, String target, int ackTimeoutSeconds) {}

  private static final com.fasterxml.jackson.core.type.TypeReference<List<Level>> LEVELS =
      new com.fasterxml.jackson.core.type.TypeReference<>() {};

  @Id private UUID id;
  private String name;

  @Column(name = "repeat_count")
  private int repeatCount;

  // JSON text, mapped by hand: Hibernate Reactive binds JSON columns as objects, not arrays.
  @Column(name = "levels")
  private String levelsJson;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "updated_at")
  private Instant updatedAt;

  protected EscalationPolicy() {}

  public static EscalationPolicy create(
      String name, List<Level> levels, int repeatCount, Instant now) {
    EscalationPolicy p = new EscalationPolicy();
    p.id = UUID.randomUUID();
    p.createdAt = now;
    p.update(name, levels, repeatCount, now);
    return p;
  }

  public void update(String name, List<Level> levels, int repeatCount, Instant now) {
    this.name = name;
    this.levelsJson = Json.write(List.copyOf(levels));
    this.repeatCount = repeatCount;
    this.updatedAt = now;
  }

  /** The level after {@code level} in {@code round}, as (level, round), or null at the end. */
  public int[] next(int level, int round) {
    if (level < getLevels().size()) {
      return new int[] {level + 1, round};
    }
    if (round <= repeatCount) {
      return new int[] {1, round + 1};
    }
    return null;
  }

  public Level level(int n) {
    return getLevels().get(n - 1);
  }

  public UUID getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public int getRepeatCount() {
    return repeatCount;
  }

  public List<Level> getLevels() {
    return Json.read(levelsJson, LEVELS);
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }
}
