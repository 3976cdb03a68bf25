package io.firebell.review.rest;

import java.util.List;
import java.util.Map;

/** The Markdown export of a report, for wikis and chat. */
final class ReportMarkdown {

  private ReportMarkdown() {}

  static String render(ReportView r) {
    StringBuilder md = new StringBuilder();
    ReportView.Facts f = r.facts();
    md.append("# ").append(r.reference()).append(": ").append(r.title()).append("\n\n");
    md.append("Status: ").append(r.status());
    if (r.publishedVersion() > 0) {
      md.append(" (published version ").append(r.publishedVersion()).append(')');
    }
    md.append("\n\n## Facts\n\n| | |\n|---|---|\n");
    row(md, "Severity", f.severity());
    row(md, "Services", String.join(", ", f.services()));
    row(md, "Domains", String.join(", ", f.domains()));
    row(md, "Where", f.component());
    row(md, "Detection method", f.detectionMethod());
    row(md, "Occurred", f.occurredAt());
    row(md, "Detected", f.detectedAt());
    row(md, "Declared", f.declaredAt());
    row(md, "Acknowledged", f.acknowledgedAt());
    row(md, "Mitigated", f.mitigatedAt());
    row(md, "Resolved", f.resolvedAt());
    row(md, "Recovery", String.join(", ", f.recoveryMethods()));
    row(
        md,
        "Time to detect",
        f.secondsToDetect() == null ? null : f.secondsToDetect() / 60 + " min");
    row(
        md,
        "Time to resolve",
        f.secondsToResolve() == null ? null : f.secondsToResolve() / 60 + " min");
    row(
        md,
        "Detection gap",
        r.detectionGap() == null ? null : r.detectionGap().suggestedActionItem().title());
    md.append("\n## Impact\n\n").append(text(r.impactSummary())).append('\n');
    if (!r.affectedStakeholders().isEmpty()) {
      md.append("\nAffected: ").append(String.join(", ", r.affectedStakeholders())).append('\n');
    }
    for (Map.Entry<String, Object> e : r.impactFigures().entrySet()) {
      md.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
    }
    md.append("\n## Cause\n\n").append(text(r.cause()));
    if (r.causeCategory() != null) {
      md.append(" (").append(r.causeCategory()).append(')');
    }
    md.append('\n');
    list(md, "Contributing factors", r.contributingFactors());
    md.append("\n## 5 Whys\n\n");
    for (ReportView.WhyView w : r.whys()) {
      md.append(w.position()).append(". **").append(w.question()).append("**");
      if (w.customerSymptom()) {
        md.append(" (what customers saw)");
      }
      md.append("\n   ")
          .append(w.answer())
          .append(w.verified() ? " ✔ verified" : " (not verified)")
          .append('\n');
      w.evidence().forEach(link -> md.append("   - ").append(link).append('\n'));
    }
    md.append(
        "\n## Action items\n\n| horizon | item | owner | due | status |\n|---|---|---|---|---|\n");
    for (ReportView.ActionItemView i : r.actionItems()) {
      md.append("| ")
          .append(i.horizon())
          .append(" | ")
          .append(i.title())
          .append(" | ")
          .append(i.owner())
          .append(" | ")
          .append(i.dueAt())
          .append(" | ")
          .append(i.status())
          .append(" |\n");
    }
    md.append("\n## Timeline\n\n");
    for (ReportView.TimelineView t : r.timeline()) {
      md.append("- ").append(t.at()).append(" — ").append(t.summary());
      if (t.actor() != null) {
        md.append(" (").append(t.actor()).append(')');
      }
      md.append('\n');
    }
    return md.toString();
  }

  private static void row(StringBuilder md, String name, Object value) {
    md.append("| ").append(name).append(" | ").append(value == null ? "—" : value).append(" |\n");
  }

  private static void list(StringBuilder md, String title, List<String> items) {
    if (!items.isEmpty()) {
      md.append("\n### ").append(title).append("\n\n");
      items.forEach(i -> md.append("- ").append(i).append('\n'));
    }
  }

  private static String text(String s) {
    return s == null || s.isBlank() ? "_not written yet_" : s;
  }
}
