package io.firebell.review.rest;

import io.firebell.review.service.ActionItemService;
import io.firebell.review.service.LearningService;
import io.firebell.review.service.MetricsService;
import io.firebell.review.service.MetricsService.Row;
import io.firebell.review.service.ReviewDeadlineService;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The dashboard for org heads: one self-contained HTML page with inline SVG charts (no scripts, no
 * external assets), so it renders anywhere, prints, and needs no manual.
 */
final class DashboardPage {

  private static final List<String> SEVERITIES = List.of("SEV1", "SEV2", "SEV3", "SEV4");
  private static final Map<String, String> COLORS =
      Map.of("SEV1", "#b91c1c", "SEV2", "#ea580c", "SEV3", "#ca8a04", "SEV4", "#65a30d");

  private DashboardPage() {}

  /** What the data teaches, and what the review process still owes, over the same weeks. */
  record Lessons(
      List<LearningService.ServiceHealth> services,
      List<LearningService.DetectionGap> detectionGaps,
      List<LearningService.WeakSpot> weakSpots,
      List<ReviewDeadlineService.Requirement> lateReviews,
      List<ActionItemService.StopGap> stopGaps) {}

  static String render(
      List<Row> rows,
      MetricsService.Summary summary,
      LocalDate firstWeek,
      int weeks,
      Lessons lessons) {
    StringBuilder h = new StringBuilder();
    h.append(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Firebell — incidents</title><style>")
        .append(
            "body{font-family:system-ui,sans-serif;margin:24px;color:#111;background:#fafafa}h1{margin:0 0 4px}p.sub{color:#555;margin:0 0 20px}")
        .append(
            ".cards{display:flex;gap:12px;flex-wrap:wrap;margin-bottom:20px}.card{background:#fff;border:1px solid #ddd;border-radius:8px;padding:12px 16px;min-width:150px}")
        .append(
            ".card b{display:block;font-size:26px}.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(460px,1fr));gap:16px}")
        .append(
            "section{background:#fff;border:1px solid #ddd;border-radius:8px;padding:12px 16px}h2{font-size:16px;margin:0 0 8px}small{color:#666}")
        .append(
            "body>h2{font-size:20px;margin:24px 0 8px}table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;padding:4px 6px;border-bottom:1px solid #eee;vertical-align:top}")
        .append("</style></head><body>");
    h.append("<h1>Incidents</h1><p class=\"sub\">Last ")
        .append(weeks)
        .append(" weeks, from ")
        .append(firstWeek)
        .append(". Times are medians; MTTD = detected − occurred, MTTR = resolved − occurred.</p>");
    MetricsService.Group t = summary.total();
    h.append("<div class=\"cards\">");
    card(h, "Incidents", String.valueOf(t.count()));
    card(h, "MTTD (median)", minutes(t.mttd().p50()));
    card(h, "MTTA (median)", minutes(t.mtta().p50()));
    card(h, "MTTR (median)", minutes(t.mttr().p50()));
    card(h, "Found first by customers", percent(t.foundByCustomersShare()));
    card(h, "Repeat incidents", percent(t.recurrenceRate()));
    card(h, "Overdue action items", String.valueOf(summary.overdueActionItems()));
    card(
        h,
        "Reviews not booked in time",
        String.valueOf(
            lessons.lateReviews().stream().filter(r -> "overdue".equals(r.state())).count()));
    card(h, "Stop-gaps without a done root fix", String.valueOf(lessons.stopGaps().size()));
    h.append("</div><div class=\"grid\">");

    List<LocalDate> weekStarts = new ArrayList<>();
    for (int i = 0; i < weeks; i++) {
      weekStarts.add(firstWeek.plusWeeks(i));
    }
    Map<LocalDate, List<Row>> byWeek = new TreeMap<>();
    weekStarts.forEach(w -> byWeek.put(w, new ArrayList<>()));
    for (Row r : rows) {
      LocalDate week = week(r.occurred() != null ? r.occurred() : r.detected());
      byWeek.computeIfAbsent(week, k -> new ArrayList<>()).add(r);
    }

    h.append("<section><h2>Incidents per week, by severity</h2>")
        .append(stackedWeeks(byWeek))
        .append(legend())
        .append("</section>");
    h.append("<section><h2>Time to detect and to resolve, weekly median (minutes)</h2>")
        .append(trend(byWeek))
        .append(
            "<small><span style=\"color:#2563eb\">■</span> MTTD &nbsp; <span style=\"color:#7c3aed\">■</span> MTTR</small></section>");
    h.append("<section><h2>Where incidents happen (service)</h2>")
        .append(
            bars(
                count(rows, r -> r.services().isEmpty() ? List.of("unknown") : r.services()),
                "#0f766e"))
        .append("</section>");
    h.append("<section><h2>How incidents were found</h2>")
        .append(bars(count(rows, r -> List.of(r.detectionMethod().replace('_', ' '))), "#1d4ed8"))
        .append("</section>");
    h.append("<section><h2>Failures by partner</h2>")
        .append(
            bars(
                count(
                    rows.stream()
                        .filter(
                            r ->
                                r.partner() != null
                                    || r.detectionMethod().equals("external_integration")
                                    || r.detectionMethod().equals("partner_report"))
                        .toList(),
                    r -> List.of(r.partner() == null ? "partner not named" : r.partner())),
                "#9333ea"))
        .append("</section>");
    Map<String, Long> mttdByMethod = new LinkedHashMap<>();
    summary
        .mttdByDetectionMethod()
        .forEach(
            (method, d) -> {
              if (d.p50() != null) {
                mttdByMethod.put(method.replace('_', ' '), d.p50() / 60);
              }
            });
    h.append("<section><h2>Time to detect by detection method, median (minutes)</h2>")
        .append(bars(mttdByMethod, "#2563eb"))
        .append("</section>");
    h.append("</div>");
    lessons(h, lessons);
    h.append("</body></html>");
    return h.toString();
  }

  private static void lessons(StringBuilder h, Lessons l) {
    h.append("<h2>What the data teaches</h2><div class=\"grid\">");
    h.append("<section><h2>Availability per service</h2>")
        .append(
            table(
                List.of("Service", "Availability", "Impact", "Incidents", "MTTD", "MTTA", "MTTR"),
                l.services().stream()
                    .map(
                        s ->
                            List.of(
                                s.service(),
                                String.format("%.3f %%", s.availability() * 100),
                                minutes(s.impactSeconds()),
                                String.valueOf(s.incidents()),
                                minutes(s.mttd().p50()),
                                minutes(s.mtta().p50()),
                                minutes(s.mttr().p50())))
                    .toList()))
        .append("</section>");
    h.append("<section><h2>Detection lagged or customers found it first</h2>")
        .append(
            table(
                List.of("Incident", "Lag", "Why", "Suggested action item"),
                l.detectionGaps().stream()
                    .map(
                        g ->
                            List.of(
                                g.reference() + " " + g.title(),
                                g.lagSeconds() == null ? "—" : minutes(g.lagSeconds()),
                                String.join(", ", g.reasons()).replace('_', ' '),
                                g.suggestedActionItem().title()
                                    + (g.monitoringActionItems() > 0
                                        ? " (" + g.monitoringActionItems() + " monitoring item(s))"
                                        : "")))
                    .toList()))
        .append("</section>");
    h.append("<section><h2>Weak spots (services)</h2>")
        .append(
            table(
                List.of(
                    "Service", "Incidents", "Customer minutes", "Recurrences", "Earlier incidents"),
                l.weakSpots().stream()
                    .map(
                        w ->
                            List.of(
                                w.key(),
                                String.valueOf(w.incidents()),
                                String.valueOf(w.customerMinutes()),
                                String.valueOf(w.recurrences()),
                                w.earlierIncidents().stream()
                                    .map(
                                        e ->
                                            e.reference()
                                                + ": "
                                                + e.openActionItems().size()
                                                + " open, "
                                                + e.closedActionItems().size()
                                                + " closed action items")
                                    .reduce((a, b) -> a + "; " + b)
                                    .orElse("—")))
                    .toList()))
        .append("</section>");
    h.append("<section><h2>Reviews not booked by their deadline</h2>")
        .append(
            table(
                List.of("Incident", "Severity", "Review", "Book by", "State"),
                l.lateReviews().stream()
                    .map(
                        r ->
                            List.of(
                                r.fact().getReference() + " " + r.fact().getTitle(),
                                r.severity(),
                                r.requiredKind().replace('_', '-'),
                                r.bookBy().toString(),
                                r.state().replace('_', ' ')))
                    .toList()))
        .append("</section>");
    h.append("<section><h2>Stop-gaps waiting for their root fix</h2>")
        .append(
            table(
                List.of("Stop-gap", "Owner", "Root-cause fix", "Fix status"),
                l.stopGaps().stream()
                    .map(
                        g ->
                            List.of(
                                g.stopGap().getTitle(),
                                g.stopGap().getOwner(),
                                g.rootFix() == null ? "none yet" : g.rootFix().getTitle(),
                                g.rootFix() == null ? "—" : g.rootFix().getStatus()))
                    .toList()))
        .append("</section>");
    h.append("</div>");
  }

  private static String table(List<String> headers, List<List<String>> rows) {
    if (rows.isEmpty()) {
      return "<p><small>None in this period.</small></p>";
    }
    StringBuilder t = new StringBuilder("<table><thead><tr>");
    headers.forEach(c -> t.append("<th scope=\"col\">").append(escape(c)).append("</th>"));
    t.append("</tr></thead><tbody>");
    for (List<String> row : rows) {
      t.append("<tr>");
      row.forEach(c -> t.append("<td>").append(escape(c)).append("</td>"));
      t.append("</tr>");
    }
    return t.append("</tbody></table>").toString();
  }

  private static String minutes(long seconds) {
    return minutes(Long.valueOf(seconds));
  }

  private static LocalDate week(Instant at) {
    return at.atZone(ZoneOffset.UTC)
        .toLocalDate()
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  static LocalDate weekOf(Instant at) {
    return week(at);
  }

  private static void card(StringBuilder h, String label, String value) {
    h.append("<div class=\"card\"><b>")
        .append(escape(value))
        .append("</b>")
        .append(escape(label))
        .append("</div>");
  }

  private static String stackedWeeks(Map<LocalDate, List<Row>> byWeek) {
    int w = 440;
    int hgt = 180;
    int max = Math.max(1, byWeek.values().stream().mapToInt(List::size).max().orElse(1));
    double bar = (double) (w - 30) / byWeek.size();
    StringBuilder s = svg(w, hgt + 30);
    int i = 0;
    for (Map.Entry<LocalDate, List<Row>> e : byWeek.entrySet()) {
      double x = 30 + i * bar;
      double y = hgt;
      for (String sev : SEVERITIES) {
        long n = e.getValue().stream().filter(r -> sev.equals(r.severity())).count();
        if (n > 0) {
          double bh = (double) n / max * (hgt - 10);
          y -= bh;
          s.append(
              String.format(
                  "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %d</title></rect>",
                  x + 2, y, bar - 4, bh, COLORS.get(sev), e.getKey(), sev, n));
        }
      }
      if (i % 2 == 0) {
        s.append(
            String.format(
                "<text x=\"%.1f\" y=\"%d\" font-size=\"9\" fill=\"#555\">%s</text>",
                x, hgt + 14, e.getKey().toString().substring(5)));
      }
      i++;
    }
    s.append(
        String.format(
            "<text x=\"0\" y=\"12\" font-size=\"10\" fill=\"#555\">%d</text><text x=\"0\" y=\"%d\" font-size=\"10\" fill=\"#555\">0</text>",
            max, hgt));
    return s.append("</svg>").toString();
  }

  private static String trend(Map<LocalDate, List<Row>> byWeek) {
    int w = 440;
    int hgt = 180;
    List<Long> mttd = new ArrayList<>();
    List<Long> mttr = new ArrayList<>();
    for (List<Row> week : byWeek.values()) {
      mttd.add(MetricsService.durations(week, Row::occurred, Row::detected).p50());
      mttr.add(MetricsService.durations(week, Row::occurred, Row::resolved).p50());
    }
    long max =
        Math.max(
            60,
            java.util.stream.Stream.concat(mttd.stream(), mttr.stream())
                .filter(java.util.Objects::nonNull)
                .mapToLong(Long::longValue)
                .max()
                .orElse(60));
    StringBuilder s = svg(w, hgt + 20);
    s.append(line(mttd, max, w, hgt, "#2563eb")).append(line(mttr, max, w, hgt, "#7c3aed"));
    s.append(
        String.format(
            "<text x=\"0\" y=\"12\" font-size=\"10\" fill=\"#555\">%d min</text><text x=\"0\" y=\"%d\" font-size=\"10\" fill=\"#555\">0</text>",
            max / 60, hgt));
    return s.append("</svg>").toString();
  }

  private static String line(List<Long> values, long max, int w, int hgt, String color) {
    StringBuilder points = new StringBuilder();
    StringBuilder dots = new StringBuilder();
    double step = (double) (w - 50) / Math.max(1, values.size() - 1);
    for (int i = 0; i < values.size(); i++) {
      Long v = values.get(i);
      if (v == null) {
        continue;
      }
      double x = 40 + i * step;
      double y = hgt - (double) v / max * (hgt - 10);
      points.append(String.format("%.1f,%.1f ", x, y));
      dots.append(
          String.format(
              "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%d min</title></circle>",
              x, y, color, v / 60));
    }
    return "<polyline fill=\"none\" stroke=\""
        + color
        + "\" stroke-width=\"2\" points=\""
        + points
        + "\"/>"
        + dots;
  }

  private static Map<String, Long> count(List<Row> rows, Function<Row, List<String>> keys) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Row r : rows) {
      for (String k : keys.apply(r)) {
        counts.merge(k, 1L, Long::sum);
      }
    }
    Map<String, Long> sorted = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(10)
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  private static String bars(Map<String, Long> counts, String color) {
    if (counts.isEmpty()) {
      return "<p><small>No incidents in this period.</small></p>";
    }
    int w = 440;
    int rowH = 22;
    long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(1);
    StringBuilder s = svg(w, rowH * counts.size() + 4);
    int i = 0;
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      double bw = (double) e.getValue() / max * (w - 200);
      int y = i * rowH;
      s.append(
          String.format(
              "<text x=\"0\" y=\"%d\" font-size=\"12\">%s</text>", y + 15, escape(e.getKey())));
      s.append(
          String.format(
              "<rect x=\"160\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\"/>",
              y + 3, Math.max(bw, 1), color));
      s.append(
          String.format(
              "<text x=\"%.1f\" y=\"%d\" font-size=\"12\">%d</text>",
              166 + bw, y + 15, e.getValue()));
      i++;
    }
    return s.append("</svg>").toString();
  }

  private static String legend() {
    StringBuilder s = new StringBuilder("<small>");
    SEVERITIES.forEach(
        sev ->
            s.append("<span style=\"color:")
                .append(COLORS.get(sev))
                .append("\">■</span> ")
                .append(sev)
                .append(" &nbsp; "));
    return s.append("</small>").toString();
  }

  private static StringBuilder svg(int w, int h) {
    return new StringBuilder(
        String.format(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\">",
            w, h));
  }

  private static String minutes(Long seconds) {
    return seconds == null
        ? "—"
        : seconds < 3600 ? (seconds / 60) + " min" : String.format("%.1f h", seconds / 3600.0);
  }

  private static String percent(double share) {
    return Math.round(share * 100) + " %";
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
