package io.firebell.review.config;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** When, how and with whom incidents are reviewed (prefix {@code firebell.review.meetings}). */
@ConfigMapping(prefix = "firebell.review.meetings")
public interface MeetingPolicy {

  /** The IANA time zone business hours and holidays are in. */
  String timeZone();

  LocalTime businessStart();

  LocalTime businessEnd();

  /** Days without reviews besides weekends. */
  List<LocalDate> holidays();

  /** The ORGANIZER of every meeting (an e-mail address). */
  String organizer();

  /** Per severity grade. */
  Map<String, Severity> policies();

  /**
   * The org-wide review a team review is escalated to (its kind is {@code org_wide}); its due date
   * counts from the escalation.
   */
  Severity escalation();

  /** The review a severity grade gets. */
  interface Severity {

    /** {@code team} or {@code org_wide} (every org head and the CTO). */
    String kind();

    /** The review is due within this many business days after resolution. */
    int withinBusinessDays();

    /**
     * The review must be booked within this many business days after resolution (default: by its
     * due date); an unbooked review past it is flagged.
     */
    OptionalInt bookWithinBusinessDays();

    Duration duration();

    /** The room (calendar) it is booked in; one meeting at a time per room. */
    String location();

    List<String> attendees();
  }
}
