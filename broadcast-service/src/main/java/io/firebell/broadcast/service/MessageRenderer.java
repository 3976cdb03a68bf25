package io.firebell.broadcast.service;

import io.firebell.broadcast.config.CommsConfig;
import io.firebell.broadcast.model.Audience;
import io.firebell.broadcast.model.Incident;
import io.firebell.broadcast.model.StakeholderUpdate;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Turns facts into text for one language register. Engineering text may name services, severity and
 * the war room; service text talks about orders, payments and deliveries and names no system. Texts
 * depend on the register only, so a fan-out renders each at most once per register.
 */
@ApplicationScoped
public class MessageRenderer {

  private static final Map<String, String> LABELS =
      Map.of(
          "investigating", "Investigating",
          "identified", "Identified",
          "monitoring", "Monitoring",
          "resolved", "Resolved");

  private static final Map<String, String> HEADLINES =
      Map.of(
          "investigating", "We are looking into a problem.",
          "identified", "We have found what is wrong and are fixing it.",
          "monitoring", "A fix is in place; we are making sure everything works normally again.",
          "resolved", "The problem is solved; everything works normally again.");

  private final Template announcementEngineering;
  private final Template announcementService;
  private final Template updateEngineering;
  private final Template updateService;
  private final DateTimeFormatter times;
  private final String statusPageUrl;

  public MessageRenderer(
      @Location("announcement/engineering.txt") Template announcementEngineering,
      @Location("announcement/service.txt") Template announcementService,
      @Location("update/engineering.txt") Template updateEngineering,
      @Location("update/service.txt") Template updateService,
      CommsConfig config) {
    this.announcementEngineering = announcementEngineering;
    this.announcementService = announcementService;
    this.updateEngineering = updateEngineering;
    this.updateService = updateService;
    this.times =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ENGLISH)
            .withZone(config.timeZone());
    this.statusPageUrl = config.status().url();
  }

  public String announcement(String register, Incident incident) {
    String services = String.join(", ", incident.services());
    String domains = String.join(", ", incident.domains());
    AnnouncementView view =
        new AnnouncementView(
            incident.reference(),
            incident.title(),
            incident.severity(),
            format(incident.declaredAt()),
            format(incident.occurredAt()),
            blankToNull(incident.impactScope()),
            services,
            domains,
            domains.isEmpty() ? services : domains,
            blankToNull(incident.warRoomUrl()));
    Template template =
        Audience.ENGINEERING.equals(register) ? announcementEngineering : announcementService;
    return tidy(template.data("a", view).render());
  }

  public String update(String register, Incident incident, StakeholderUpdate.Draft draft) {
    UpdateView view =
        new UpdateView(
            incident.reference(),
            incident.severity(),
            String.join(", ", incident.services()),
            blankToNull(incident.warRoomUrl()),
            draft.status() == null ? "" : LABELS.getOrDefault(draft.status(), draft.status()),
            draft.status() == null ? "" : HEADLINES.getOrDefault(draft.status(), ""),
            draft.impact() == null ? "" : draft.impact().strip(),
            format(draft.expectedRecoveryAt()),
            format(draft.nextUpdateAt()),
            draft.followUpActions().stream().map(String::strip).toList(),
            statusPageUrl);
    Template template = Audience.ENGINEERING.equals(register) ? updateEngineering : updateService;
    return tidy(template.data("u", view).render());
  }

  /** The service-register text of an update without any audience: what the status page shows. */
  public String publicText(Incident incident, StakeholderUpdate.Draft draft) {
    return update(Audience.SERVICE, incident, draft);
  }

  public String statusPageUrl() {
    return statusPageUrl;
  }

  public String format(Instant instant) {
    return instant == null ? null : times.format(instant);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** Templates end lines freely; messages carry no trailing blank lines. */
  private static String tidy(String text) {
    return text.strip().replaceAll("\n{3,}", "\n\n");
  }
}
