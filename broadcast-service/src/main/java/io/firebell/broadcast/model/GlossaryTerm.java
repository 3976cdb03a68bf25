package io.firebell.broadcast.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A system term that service-register text should not use, and what to say instead. */
@Entity
@Table(name = "glossary_term")
public class GlossaryTerm {

  @Id private String term;

  private String suggestion;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "updated_at")
  private Instant updatedAt;

  protected GlossaryTerm() {}

  public GlossaryTerm(String term, String suggestion, Instant now) {
    this.term = term;
    this.suggestion = suggestion;
    this.createdAt = now;
    this.updatedAt = now;
  }

  public void suggest(String suggestion, Instant now) {
    this.suggestion = suggestion;
    this.updatedAt = now;
  }

  public String term() {
    return term;
  }

  public String suggestion() {
    return suggestion;
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
