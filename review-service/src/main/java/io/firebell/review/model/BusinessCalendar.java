package io.firebell.review.model;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Business days and hours of one time zone: no weekends, no holidays, meetings inside the hours.
 */
public final class BusinessCalendar {

  /** Meetings start on the hour or the half hour. */
  static final Duration GRID = Duration.ofMinutes(30);

  private final ZoneId zone;
  private final LocalTime start;
  private final LocalTime end;
  private final Set<LocalDate> holidays;

  public BusinessCalendar(ZoneId zone, LocalTime start, LocalTime end, Set<LocalDate> holidays) {
    this.zone = zone;
    this.start = start;
    this.end = end;
    this.holidays = holidays;
  }

  /** A booked interval [from, to). */
  public record Busy(Instant from, Instant to) {
    public boolean overlaps(Instant s, Instant e) {
      return s.isBefore(to) && from.isBefore(e);
    }
  }

  public boolean isBusinessDay(LocalDate day) {
    return day.getDayOfWeek() != DayOfWeek.SATURDAY
        && day.getDayOfWeek() != DayOfWeek.SUNDAY
        && !holidays.contains(day);
  }

  /** The end of business on the {@code days}-th business day after {@code from}'s day. */
  public Instant deadline(Instant from, int days) {
    LocalDate day = from.atZone(zone).toLocalDate();
    int counted = 0;
    while (counted < days) {
      day = day.plusDays(1);
      if (isBusinessDay(day)) {
        counted++;
      }
    }
    return day.atTime(end).atZone(zone).toInstant();
  }

  /** Why a meeting cannot start then, or null when it can. */
  public String whyNot(Instant startsAt, Duration duration) {
    ZonedDateTime s = startsAt.atZone(zone);
    ZonedDateTime e = startsAt.plus(duration).atZone(zone);
    if (holidays.contains(s.toLocalDate())) {
      return s.toLocalDate() + " is a holiday";
    }
    if (!isBusinessDay(s.toLocalDate())) {
      return s.toLocalDate() + " is a " + s.getDayOfWeek().toString().toLowerCase();
    }
    if (s.toLocalTime().isBefore(start)
        || !e.toLocalDate().equals(s.toLocalDate())
        || e.toLocalTime().isAfter(end)) {
      return "outside business hours " + start + "-" + end + " " + zone;
    }
    return null;
  }

  /** The first start on the half-hour grid at or after {@code from} that fits and is free. */
  public Optional<Instant> firstFreeSlot(
      Instant from, Duration duration, List<Busy> busy, Instant searchUntil) {
    ZonedDateTime t = from.atZone(zone).truncatedTo(ChronoUnit.MINUTES);
    long minutes = t.getMinute() % GRID.toMinutes();
    if (minutes != 0 || t.getSecond() != 0) {
      t = t.plusMinutes(GRID.toMinutes() - minutes).truncatedTo(ChronoUnit.MINUTES);
    }
    for (Instant s = t.toInstant(); s.isBefore(searchUntil); s = s.plus(GRID)) {
      Instant e = s.plus(duration);
      Instant candidate = s;
      if (whyNot(s, duration) == null && busy.stream().noneMatch(b -> b.overlaps(candidate, e))) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  public ZoneId zone() {
    return zone;
  }
}
