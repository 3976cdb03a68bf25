package io.firebell.review.rest;

import io.firebell.review.model.ReviewMeeting;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/** Review meetings as RFC 5545 iCalendar: one VEVENT per meeting, with its time zone. */
final class ReviewCalendar {

  static final String MEDIA_TYPE = "text/calendar";
  private static final TimeZoneRegistry ZONES =
      TimeZoneRegistryFactory.getInstance().createRegistry();

  private ReviewCalendar() {}

  static String render(
      List<ReviewMeeting> meetings, String organizer, String reportBase, Instant now) {
    Calendar calendar = new Calendar();
    calendar.add(new ProdId("-//Firebell//Incident reviews//EN"));
    calendar.add(ImmutableVersion.VERSION_2_0);
    calendar.add(ImmutableCalScale.GREGORIAN);
    calendar.add(ImmutableMethod.PUBLISH);
    meetings.stream()
        .map(ReviewMeeting::getTimeZone)
        .distinct()
        .forEach(tz -> calendar.add(ZONES.getTimeZone(tz).getVTimeZone()));
    for (ReviewMeeting m : meetings) {
      calendar.add(event(m, organizer, reportBase, now));
    }
    return calendar.toString();
  }

  private static VEvent event(ReviewMeeting m, String organizer, String reportBase, Instant now) {
    ZoneId zone = ZoneId.of(m.getTimeZone());
    String title = ("org_wide".equals(m.getKind()) ? "Org-wide" : "Team") + " incident review";
    VEvent event = new VEvent(m.getStartsAt().atZone(zone), m.getEndsAt().atZone(zone), title);
    event.add(new Uid(m.getId() + "@firebell"));
    event.add(new DtStamp(m.getUpdatedAt() != null ? m.getUpdatedAt() : now));
    event.add(new Sequence(m.getSequence()));
    event.add(new Location(m.getLocation()));
    event.add(new Url(URI.create(reportBase + m.getIncidentId())));
    event.add(
        new Description(
            "Blameless review of incident "
                + m.getIncidentId()
                + ". Report: "
                + reportBase
                + m.getIncidentId()));
    event.add(new Organizer(URI.create("mailto:" + organizer)));
    for (String person : m.getAttendees()) {
      Attendee attendee = new Attendee(URI.create("mailto:" + person));
      attendee.add(Role.REQ_PARTICIPANT);
      attendee.add(new Cn(person));
      event.add(attendee);
    }
    event.add(
        "cancelled".equals(m.getStatus())
            ? ImmutableStatus.VEVENT_CANCELLED
            : ImmutableStatus.VEVENT_CONFIRMED);
    return event;
  }
}
