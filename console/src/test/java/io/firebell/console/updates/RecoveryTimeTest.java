package io.firebell.console.updates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RecoveryTimeTest {

  private final Clock clock = Clock.fixed(Instant.parse("2026-03-12T10:07:30Z"), ZoneOffset.UTC);

  @Test
  void blankIsNoTime() {
    assertThat(RecoveryTime.parse("  ", clock)).isNull();
    assertThat(RecoveryTime.parse(null, clock)).isNull();
  }

  @Test
  void readsADateAndTimeInUtcWrittenAsPeopleWriteIt() {
    Instant noon = Instant.parse("2026-03-12T12:00:00Z");
    assertThat(RecoveryTime.parse("2026-03-12 12:00", clock)).isEqualTo(noon);
    assertThat(RecoveryTime.parse("2026-03-12T12:00", clock)).isEqualTo(noon);
    assertThat(RecoveryTime.parse("2026-03-12 12:00:00", clock)).isEqualTo(noon);
    assertThat(RecoveryTime.parse("2026-03-12T12:00:00Z", clock)).isEqualTo(noon);
    assertThat(RecoveryTime.parse("2026-03-12T21:00+09:00", clock)).isEqualTo(noon);
    assertThat(RecoveryTime.parse("2026-03-12 9:30", clock))
        .isEqualTo(Instant.parse("2026-03-12T09:30:00Z"));
  }

  @Test
  void aTimeOfDayIsTheNextOneToCome() {
    assertThat(RecoveryTime.parse("14:30", clock)).isEqualTo(Instant.parse("2026-03-12T14:30:00Z"));
    assertThat(RecoveryTime.parse("09:15", clock)).isEqualTo(Instant.parse("2026-03-13T09:15:00Z"));
  }

  @Test
  void aDelayCountsFromNowToTheMinute() {
    assertThat(RecoveryTime.parse("in 45 minutes", clock))
        .isEqualTo(Instant.parse("2026-03-12T10:52:00Z"));
    assertThat(RecoveryTime.parse("In 2 hours", clock))
        .isEqualTo(Instant.parse("2026-03-12T12:07:00Z"));
    assertThat(RecoveryTime.parse("30m", clock)).isEqualTo(Instant.parse("2026-03-12T10:37:00Z"));
    assertThat(RecoveryTime.parse("1 h", clock)).isEqualTo(Instant.parse("2026-03-12T11:07:00Z"));
  }

  @Test
  void anythingElseIsRefusedSayingHowToWriteIt() {
    for (String text :
        new String[] {"soon", "tomorrow", "2026-13-01 10:00", "25:00", "in minutes"}) {
      assertThatThrownBy(() -> RecoveryTime.parse(text, clock))
          .isInstanceOf(RecoveryTime.Unreadable.class)
          .hasMessageContaining(text)
          .hasMessageContaining("in 45 minutes");
    }
  }
}
