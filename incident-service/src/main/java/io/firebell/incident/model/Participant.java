package io.firebell.incident.model;

import io.firebell.contracts.incident.IncidentParticipantJoined;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Someone in the incident's war room. */
@Entity
@Table(name = "incident_participant")
public class Participant {

  @Id private UUID id;

  @Column(name = "incident_id")
  private UUID incidentId;

  private String person;
  private String team;
  private String role;

  @Column(name = "joined_at")
  private Instant joinedAt;

  protected Participant() {}

  public record Joined(Participant participant, IncidentParticipantJoined event) {}

  public static Joined join(UUID incidentId, String person, String team, String role, Instant now) {
    Participant p = new Participant();
    p.id = UUID.randomUUID();
    p.incidentId = incidentId;
    p.person = person;
    p.team = team;
    p.role = role;
    p.joinedAt = now;
    return new Joined(p, new IncidentParticipantJoined(incidentId, person, team, role, now));
  }

  public UUID getIncidentId() {
    return incidentId;
  }

  public String getPerson() {
    return person;
  }

  public String getTeam() {
    return team;
  }

  public String getRole() {
    return role;
  }

  public Instant getJoinedAt() {
    return joinedAt;
  }
}
