package io.firebell.incident.rest;

import io.firebell.platform.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of a list. Pass {@code nextCursor} as {@code cursor} to get the next page; it is null on
 * the last page.
 */
public record Page<T>(
    List<T> items,
    @Schema(description = "Opaque; pass it as ?cursor= for the next page. Null on the last page.")
        String nextCursor) {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;

  /**
   * Builds a page from {@code limit + 1} fetched rows: the extra row only tells that more follow.
   */
  static <E, T> Page<T> of(
      List<E> fetched, int limit, Function<E, T> view, Function<E, String> position) {
    boolean more = fetched.size() > limit;
    List<E> rows = more ? fetched.subList(0, limit) : fetched;
    String next = more ? encode(position.apply(rows.get(rows.size() - 1))) : null;
    return new Page<>(rows.stream().map(view).toList(), next);
  }

  static int limit(Integer requested) {
    if (requested == null) {
      return DEFAULT_LIMIT;
    }
    if (requested < 1 || requested > MAX_LIMIT) {
      throw ProblemException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
    }
    return requested;
  }

  static String encode(String position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(position.getBytes(StandardCharsets.UTF_8));
  }

  /** Where a list sorted by (time, id) resumes: after this row. */
  record After(Instant at, UUID id) {}

  /** The (time, id) position of a cursor, or an After of nulls without a cursor. */
  static After after(String cursor) {
    String position = decode(cursor);
    if (position == null) {
      return new After(null, null);
    }
    try {
      String[] parts = position.split("\\|", 2);
      return new After(Instant.parse(parts[0]), UUID.fromString(parts[1]));
    } catch (RuntimeException e) {
      throw ProblemException.invalid("cursor", "is not a cursor this API handed out");
    }
  }

  /** The position a cursor stands for, or null without a cursor. */
  static String decode(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalid("cursor", "is not a cursor this API handed out");
    }
  }
}
