package io.firebell.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebell.review.model.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {

  private final BusinessCalendar calendar =
      new BusinessCalendar(
          ZoneId.of("Asia/Seoul"),
          LocalTime.of(10, 0),
          LocalTime.of(18, 0),
          Set.of(LocalDate.parse("2026-12-25")));

  @Test
  void deadlinesCountOnlyBusinessDays() {
    // Wednesday 2026-12-23 + 5 business days: Thu 24, (Fri 25 holiday), Mon 28, Tue 29, Wed 30, Thu
    // 31.
    assertThat(calendar.deadline(Instant.parse("2026-12-23T03:00:00Z"), 5))
        .isEqualTo(Instant.parse("2026-12-31T09:00:00Z"));
  }

  @Test
  void weekendsHolidaysAndOffHoursAreRefusedWithAReason() {
    Duration hour = Duration.ofHours(1);
    assertThat(calendar.whyNot(Instant.parse("2026-12-26T01:00:00Z"), hour)).contains("saturday");
    assertThat(calendar.whyNot(Instant.parse("2026-12-25T02:00:00Z"), hour)).contains("holiday");
    assertThat(calendar.whyNot(Instant.parse("2026-12-24T00:00:00Z"), hour))
        .contains("business hours"); // 09:00 KST
    assertThat(calendar.whyNot(Instant.parse("2026-12-24T08:30:00Z"), hour))
        .contains("business hours"); // ends 18:30 KST
    assertThat(calendar.whyNot(Instant.parse("2026-12-24T01:00:00Z"), hour))
        .isNull(); // 10:00 KST Thursday
  }

  @Test
  void theFirstFreeSlotSkipsBookingsAndNonBusinessDays() {
    Duration hour = Duration.ofHours(1);
    // Thursday 17:10 KST: nothing fits today; Friday is a holiday; Monday 10:00 is booked until
    // 11:00.
    List<BusinessCalendar.Busy> busy =
        List.of(
            new BusinessCalendar.Busy(
                Instant.parse("2026-12-28T01:00:00Z"), Instant.parse("2026-12-28T02:00:00Z")));
    assertThat(
            calendar.firstFreeSlot(
                Instant.parse("2026-12-24T08:10:00Z"),
                hour,
                busy,
                Instant.parse("2027-01-31T00:00:00Z")))
        .contains(Instant.parse("2026-12-28T02:00:00Z"));
  }
}
