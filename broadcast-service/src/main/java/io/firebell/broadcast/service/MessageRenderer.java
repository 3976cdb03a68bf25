package io.firebell.broadcast.service;

import io.firebell.broadcast.config.CommsConfig;
import io.firebell.broadcast.model.Audience;
import io.firebell.broadcast.model.Incident;
import io.firebell.broadcast.model.StakeholderUpdate;
import io.firebell.platform.problem.Problem;
import io.firebell.platform.problem.ProblemException;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns facts into text for one language register. Engineering text may name services, severity and
 * the war room; service text talks about orders, payments and deliveries and names no system. An
 * audience may have its own update template (customers, riders, store owners and partners get
 * different words); otherwise texts depend on the register only, so a fan-out renders each at most
 * once per template.
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

  /** What a template is tried on before an audience may keep it. */
  private static final UpdateView SAMPLE =
      new UpdateView(
          "INC-2026-0001",
          "SEV2",
          "order-api",
          "https://chat.example.com/war-room",
          "Identified",
          "We have found what is wrong and are fixing it.",
          "Some orders cannot be placed.",
          "2026-01-01 12:00 UTC",
          "2026-01-01 11:30 UTC",
          List.of("Orders that failed are not charged."),
          "https://status.example.com");

  private final Engine engine;
  private final Map<String, Template> parsedTemplates = new ConcurrentHashMap<>();

  public MessageRenderer(
      Engine engine,
      @Location("announcement/engineering.txt") Template announcementEngineering,
      @Location("announcement/service.txt") Template announcementService,
      @Location("update/engineering.txt") Template updateEngineering,
      @Location("update/service.txt") Template updateService,
      CommsConfig config) {
    this.engine = engine;
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

  /**
   * An update in an audience's words: its own template when it has one, else its register's.
   *
   * @return the text, and the key under which texts of this template are the same (so a fan-out
   *     renders each template once)
   */
  public String update(Audience audience, Incident incident, StakeholderUpdate.Draft draft) {
    if (audience.updateTemplate() == null) {
      return update(audience.register(), incident, draft);
    }
    return tidy(parsed(audience.updateTemplate()).data("u", view(incident, draft)).render());
  }

  /** Which texts of a fan-out are the same: one per register, one per audience with its own. */
  public static String templateKey(Audience audience) {
    return audience.updateTemplate() == null
        ? "register:" + audience.register()
        : "audience:" + audience.key();
  }

  /**
   * Refuses (422) an audience template that does not parse, or does not render a sample update.
   *
   * @param text the template, or null (nothing to check)
   */
  public void requireUsable(String text) {
    if (text == null) {
      return;
    }
    try {
      parsed(text).data("u", SAMPLE).render();
    } catch (RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new ProblemException(
          422,
          "template",
          "Unusable template",
          "the update template cannot be used: " + firstLine(why),
          List.of(new Problem.FieldError("updateTemplate", firstLine(why))));
    }
  }

  private static String firstLine(String s) {
    String line = s.strip().lines().findFirst().orElse("");
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }

  private Template parsed(String text) {
    return parsedTemplates.computeIfAbsent(text, engine::parse);
  }

  public String update(String register, Incident incident, StakeholderUpdate.Draft draft) {
    Template template = Audience.ENGINEERING.equals(register) ? updateEngineering : updateService;
    return tidy(template.data("u", view(incident, draft)).render());
  }

  private UpdateView view(Incident incident, StakeholderUpdate.Draft draft) {
    return new UpdateView(
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
