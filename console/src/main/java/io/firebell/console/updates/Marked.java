package io.firebell.console.updates;

import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A rendered text cut into pieces, the system terms broadcast-service found in it marked: the
 * template writes each piece escaped, a marked one inside {@code <mark class="jargon">}. The
 * service gives each finding's offset in the audience's text; the console only cuts there.
 */
@TemplateData
public record Marked(List<Piece> pieces) {

  /** Some text; {@code suggestion} is what to say instead when it is a system term. */
  @TemplateData
  public record Piece(String text, boolean jargon, String suggestion) {}

  /** A system term found at {@code position}, as the service wrote it ({@code found}). */
  public record Span(int position, String found, String suggestion) {}

  public static Marked of(String text, List<Span> spans) {
    return slice(text, spans, 0, text.length());
  }

  /**
   * The part of {@code text} from {@code start} to {@code end} with the spans inside it; a span
   * that does not match the text at its offset, overlaps an earlier one or crosses the part's edges
   * is left unmarked rather than cut wrongly.
   */
  public static Marked slice(String text, List<Span> spans, int start, int end) {
    List<Span> sorted = new ArrayList<>(spans);
    sorted.sort(Comparator.comparingInt(Span::position));
    List<Piece> pieces = new ArrayList<>();
    int at = start;
    for (Span s : sorted) {
      int from = s.position();
      int to = from + s.found().length();
      if (from < at || to > end || !text.startsWith(s.found(), from)) {
        continue;
      }
      if (from > at) {
        pieces.add(new Piece(text.substring(at, from), false, null));
      }
      pieces.add(new Piece(text.substring(from, to), true, s.suggestion()));
      at = to;
    }
    if (at < end) {
      pieces.add(new Piece(text.substring(at, end), false, null));
    }
    return new Marked(List.copyOf(pieces));
  }

  /** The text's first line (the headline every channel shows first). */
  public static Marked headline(String text, List<Span> spans) {
    int newline = text.indexOf('\n');
    return slice(text, spans, 0, newline < 0 ? text.length() : newline);
  }

  /** Everything after the first line, without the blank space around it. */
  public static Marked body(String text, List<Span> spans) {
    int newline = text.indexOf('\n');
    if (newline < 0) {
      return new Marked(List.of());
    }
    int start = newline + 1;
    int end = text.length();
    while (start < end && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    return slice(text, spans, start, end);
  }

  public boolean none() {
    return pieces.isEmpty();
  }

  /** The plain text, marks dropped. */
  public String plain() {
    StringBuilder b = new StringBuilder();
    pieces.forEach(p -> b.append(p.text()));
    return b.toString();
  }
}
