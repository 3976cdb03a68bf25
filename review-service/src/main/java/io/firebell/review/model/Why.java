package io.firebell.review.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;
import java.util.UUID;

/** One question and answer of a 5-Whys chain (which has as many as it needs, at least one). */
@Entity
@Table(name = "why")
public class Why {

  @Id private UUID id;

  @Column(name = "incident_id")
  private UUID incidentId;

  private int position;
  private String question;
  private String answer;
  private String[] evidence;
  private boolean verified;

  @Column(name = "customer_symptom")
  private boolean customerSymptom;

  protected Why() {}

  public Why(
      UUID incidentId,
      int position,
      String question,
      String answer,
      List<String> evidence,
      boolean verified,
      boolean customerSymptom) {
    this.id = UUID.randomUUID();
    this.incidentId = incidentId;
    this.position = position;
    this.question = question;
    this.answer = answer;
    this.evidence = evidence.toArray(String[]::new);
    this.verified = verified;
    this.customerSymptom = customerSymptom;
  }

  public UUID getIncidentId() {
    return incidentId;
  }

  public int getPosition() {
    return position;
  }

  public String getQuestion() {
    return question;
  }

  public String getAnswer() {
    return answer;
  }

  public List<String> getEvidence() {
    return List.of(evidence);
  }

  public boolean isVerified() {
    return verified;
  }

  public boolean isCustomerSymptom() {
    return customerSymptom;
  }
}
