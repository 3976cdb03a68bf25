package io.firebell.review.rest;

import static io.firebell.review.rest.DashboardPage.escape;

import java.util.List;

/** A report as a self-contained HTML page, for reading and for sharing org-wide. */
final class ReportHtml {

  private ReportHtml() {}

  static String render(ReportView r) {
    ReportView.Facts f = r.facts();
    StringBuilder h =
        new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>");
    h.append(escape(r.reference() + ": " + r.title()))
        .append("</title><style>")
        .append(
            "body{font-family:system-ui,sans-serif;max-width:920px;margin:24px auto;color:#111;line-height:1.45}")
        .append(
            "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e5e5e5;padding:4px 8px;text-align:left;vertical-align:top}")
        .append(
            ".badge{display:inline-block;padding:1px 8px;border-radius:10px;background:#eee;font-size:13px}.src-broadcast{color:#7c3aed}.src-incident{color:#0f766e}")
        .append("</style></head><body>");
    h.append("<h1>")
        .append(escape(r.reference()))
        .append(": ")
        .append(escape(r.title()))
        .append("</h1>");
    h.append("<p><span class=\"badge\">").append(escape(r.status())).append("</span>");
    if (r.publishedVersion() > 0) {
      h.append(" <span class=\"badge\">version ").append(r.publishedVersion()).append("</span>");
    }
    h.append(" <span class=\"badge\">")
        .append(escape(String.valueOf(f.severity())))
        .append("</span></p>");
    h.append("<h2>Facts</h2><table>");
    row(h, "Services", String.join(", ", f.services()));
    row(h, "Where", f.component());
    row(h, "Detection method", f.detectionMethod());
    row(h, "Occurred", f.occurredAt());
    row(h, "Detected", f.detectedAt());
    row(h, "Declared", f.declaredAt());
    row(h, "Acknowledged", f.acknowledgedAt());
    row(h, "Mitigated", f.mitigatedAt());
    row(h, "Resolved", f.resolvedAt());
    row(h, "Recovery", String.join(", ", f.recoveryMethods()));
    row(
        h,
        "Time to detect",
        f.secondsToDetect() == null ? null : f.secondsToDetect() / 60 + " min");
    row(
        h,
        "Time to resolve",
        f.secondsToResolve() == null ? null : f.secondsToResolve() / 60 + " min");
    row(h, "Commander", f.commander());
    row(
        h,
        "Detection gap",
        r.detectionGap() == null ? null : r.detectionGap().suggestedActionItem().title());
    h.append("</table><h2>Impact</h2><p>").append(text(r.impactSummary())).append("</p>");
    if (!r.affectedStakeholders().isEmpty()) {
      h.append("<p>Affected: ")
          .append(escape(String.join(", ", r.affectedStakeholders())))
          .append("</p>");
    }
    list(
        h,
        r.impactFigures().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList());
    h.append("<h2>Cause</h2><p>").append(text(r.cause()));
    if (r.causeCategory() != null) {
      h.append(" <span class=\"badge\">").append(escape(r.causeCategory())).append("</span>");
    }
    h.append("</p>");
    list(h, r.contributingFactors());
    h.append("<h2>5 Whys</h2><ol>");
    for (ReportView.WhyView w : r.whys()) {
      h.append("<li><b>")
          .append(escape(w.question()))
          .append("</b>")
          .append(w.customerSymptom() ? " <span class=\"badge\">what customers saw</span>" : "")
          .append("<br>")
          .append(escape(w.answer()))
          .append(w.verified() ? " ✔" : " <i>(not verified)</i>");
      for (String link : w.evidence()) {
        h.append("<br><a href=\"")
            .append(escape(link))
            .append("\">")
            .append(escape(link))
            .append("</a>");
      }
      h.append("</li>");
    }
    h.append(
        "</ol><h2>Action items</h2><table><tr><th>horizon</th><th>item</th><th>owner</th><th>due</th><th>status</th></tr>");
    for (ReportView.ActionItemView i : r.actionItems()) {
      h.append("<tr><td>")
          .append(escape(i.horizon()))
          .append("</td><td>")
          .append(escape(i.title()))
          .append("</td><td>")
          .append(escape(i.owner()))
          .append("</td><td>")
          .append(i.dueAt())
          .append("</td><td>")
          .append(escape(i.status()))
          .append("</td></tr>");
    }
    h.append("</table><h2>Timeline</h2><table>");
    for (ReportView.TimelineView t : r.timeline()) {
      h.append("<tr><td>")
          .append(t.at())
          .append("</td><td class=\"src-")
          .append(escape(t.source()))
          .append("\">")
          .append(escape(t.summary()))
          .append("</td><td>")
          .append(t.actor() == null ? "" : escape(t.actor()))
          .append("</td></tr>");
    }
    return h.append("</table></body></html>").toString();
  }

  private static void row(StringBuilder h, String name, Object value) {
    h.append("<tr><th>")
        .append(name)
        .append("</th><td>")
        .append(value == null ? "—" : escape(value.toString()))
        .append("</td></tr>");
  }

  private static void list(StringBuilder h, List<String> items) {
    if (!items.isEmpty()) {
      h.append("<ul>");
      items.forEach(i -> h.append("<li>").append(escape(i)).append("</li>"));
      h.append("</ul>");
    }
  }

  private static String text(String s) {
    return s == null || s.isBlank() ? "<i>not written yet</i>" : escape(s);
  }
}
