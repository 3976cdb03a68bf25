package io.firebell.review.service;

import io.firebell.review.model.ActionItem;
import io.firebell.review.model.IncidentFact;
import io.firebell.review.model.Report;
import io.firebell.review.model.ReportCorrection;
import io.firebell.review.model.TimelineEntry;
import io.firebell.review.model.Why;
import java.util.List;

/**
 * Everything a report shows, read in one session, with the blameless-language findings in what
 * people wrote (phrases that point at people rather than at the system).
 */
public record ReportBundle(
    IncidentFact fact,
    Report report,
    List<Why> whys,
    List<ActionItem> actionItems,
    List<TimelineEntry> timeline,
    List<ReportCorrection> corrections,
    List<String> blamelessWarnings) {}
