package io.firebell.console.updates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkedTest {

  private static final String TEXT =
      "We are looking into a problem.\nOrders are slow: high latency on the server.\nLive status";

  private static List<Marked.Span> spans() {
    return List.of(
        new Marked.Span(TEXT.indexOf("server"), "server", "our systems"),
        new Marked.Span(TEXT.indexOf("latency"), "latency", "slow responses"));
  }

  @Test
  void cutsTheTextAtTheServicesOffsetsAndKeepsEveryCharacter() {
    Marked m = Marked.of(TEXT, spans());
    assertThat(m.plain()).isEqualTo(TEXT);
    assertThat(m.pieces())
        .filteredOn(Marked.Piece::jargon)
        .extracting(Marked.Piece::text, Marked.Piece::suggestion)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("latency", "slow responses"),
            org.assertj.core.groups.Tuple.tuple("server", "our systems"));
  }

  @Test
  void headlineAndBodyAreTheFirstLineAndTheRestWithTheirMarks() {
    assertThat(Marked.headline(TEXT, spans()).plain()).isEqualTo("We are looking into a problem.");
    assertThat(Marked.headline(TEXT, spans()).pieces()).noneMatch(Marked.Piece::jargon);
    Marked body = Marked.body(TEXT, spans());
    assertThat(body.plain()).isEqualTo("Orders are slow: high latency on the server.\nLive status");
    assertThat(body.pieces()).filteredOn(Marked.Piece::jargon).hasSize(2);
    assertThat(Marked.body("One line only", List.of()).none()).isTrue();
  }

  @Test
  void aSpanThatDoesNotMatchOrOverlapsIsLeftUnmarked() {
    Marked m =
        Marked.of(
            TEXT,
            List.of(
                new Marked.Span(3, "latency", "x"),
                new Marked.Span(TEXT.indexOf("latency"), "latency", "slow"),
                new Marked.Span(TEXT.indexOf("latency") + 2, "tency", "y"),
                new Marked.Span(TEXT.length() - 2, "status and more", "z")));
    assertThat(m.plain()).isEqualTo(TEXT);
    assertThat(m.pieces())
        .filteredOn(Marked.Piece::jargon)
        .extracting(Marked.Piece::text)
        .containsExactly("latency");
  }
}
