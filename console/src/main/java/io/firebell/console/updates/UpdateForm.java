package io.firebell.console.updates;

import io.quarkus.qute.TemplateData;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The composer's form as the person typed it (kept as typed, so that a refusal loses nothing), and
 * the body of broadcast-service's update API it becomes. The console only reads the typing (times,
 * one follow-up action per line); every rule about what an update needs is the service's.
 *
 * @param status {@code investigating}, {@code identified}, {@code monitoring}, {@code resolved} or
 *     empty
 * @param impact the impact in service language
 * @param expectedRecovery the expected recovery time as typed ({@link RecoveryTime})
 * @param recoveryUnknown the "not known yet" box
 * @param nextUpdate when the next update comes, as typed
 * @param followUps the follow-up actions, one per line
 * @param audiences the audience keys ticked, in the order of the picker
 */
@TemplateData
public record UpdateForm(
    String status,
    String impact,
    String expectedRecovery,
    boolean recoveryUnknown,
    String nextUpdate,
    String followUps,
    List<String> audiences) {

  public static final List<String> STATUSES =
      List.of("investigating", "identified", "monitoring", "resolved");

  public UpdateForm {
    status = status == null ? "" : status.strip();
    impact = impact == null ? "" : impact;
    expectedRecovery = expectedRecovery == null ? "" : expectedRecovery;
    nextUpdate = nextUpdate == null ? "" : nextUpdate;
    followUps = followUps == null ? "" : followUps;
    audiences = audiences == null ? List.of() : List.copyOf(audiences);
  }

  /** A fresh form: the incident's own status when it is one an update can have. */
  public static UpdateForm fresh(String incidentStatus) {
    String status = STATUSES.contains(incidentStatus) ? incidentStatus : "";
    return new UpdateForm(status, "", "", false, "", "", List.of());
  }

  /** The follow-up actions: one per non-blank line. */
  public List<String> followUpActions() {
    List<String> actions = new ArrayList<>();
    for (String line : followUps.split("\\R")) {
      String action = line.strip().replaceFirst("^[-*•]\\s*", "");
      if (!action.isEmpty()) {
        actions.add(action);
      }
    }
    return actions;
  }

  /** Whether {@code audience} is ticked. */
  public boolean picked(String audience) {
    return audiences.contains(audience);
  }

  /** What the person typed that is no time, by control ({@code eta}, {@code next}). */
  public Map<String, String> unreadable(Clock clock) {
    Map<String, String> errors = new LinkedHashMap<>();
    read("eta", expectedRecovery, clock, errors);
    read("next", nextUpdate, clock, errors);
    return errors;
  }

  /**
   * The request body of {@code POST /v1/incidents/{id}/updates} (and its preview). Call only when
   * {@link #unreadable} found nothing.
   */
  public Map<String, Object> body(Clock clock) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status.isEmpty() ? null : status);
    body.put("impact", impact.strip());
    Instant eta = RecoveryTime.parse(expectedRecovery, clock);
    if (eta != null) {
      body.put("expectedRecoveryAt", eta.toString());
    }
    if (recoveryUnknown) {
      body.put("recoveryUnknown", true);
    }
    Instant next = RecoveryTime.parse(nextUpdate, clock);
    if (next != null) {
      body.put("nextUpdateAt", next.toString());
    }
    body.put("followUpActions", followUpActions());
    body.put("audiences", audiences);
    return body;
  }

  /**
   * The control a field of the service's problem concerns: {@code status}, {@code impact}, {@code
   * eta}, {@code unknown}, {@code next}, {@code followups} or {@code audiences}; null for a field
   * this form has no control for.
   */
  public static String control(String serviceField) {
    if (serviceField == null) {
      return null;
    }
    String f = serviceField.replaceFirst("^texts\\..*", "texts");
    if (f.startsWith("status")) {
      return "status";
    }
    if (f.startsWith("impact")) {
      return "impact";
    }
    if (f.startsWith("expectedRecovery")) {
      return "eta";
    }
    if (f.startsWith("recoveryUnknown")) {
      return "unknown";
    }
    if (f.startsWith("nextUpdate")) {
      return "next";
    }
    if (f.startsWith("followUpActions")) {
      return "followups";
    }
    if (f.startsWith("audiences")) {
      return "audiences";
    }
    return null;
  }

  private static void read(String control, String typed, Clock clock, Map<String, String> errors) {
    try {
      RecoveryTime.parse(typed, clock);
    } catch (RecoveryTime.Unreadable e) {
      errors.put(control, e.getMessage());
    }
  }
}
