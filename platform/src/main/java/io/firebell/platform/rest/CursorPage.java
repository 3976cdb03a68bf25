package io.firebell.platform.rest;

import io.firebell.platform.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of a list, the same in every service: {@code {"items": […], "nextCursor": …}}. Pass
 * {@code nextCursor} as {@code ?cursor=} to get the next page; it is null on the last page. A
 * cursor is the URL-safe Base64 of the last row's position (e.g. {@code <time>|<id>} or a sequence
 * number), opaque to callers.
 */
public record CursorPage<T>(
    List<T> items,
    @Schema(description = "Opaque; pass it as ?cursor= for the next page. Null on the last page.")
        String nextCursor) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  /**
   * Builds a page from {@code limit + 1} fetched rows: the extra row only tells that more follow.
   */
  public static <E, T> CursorPage<T> of(
      List<E> fetched, int limit, Function<E, T> view, Function<E, String> position) {
    boolean more = fetched.size() > limit;
    List<E> rows = more ? fetched.subList(0, limit) : fetched;
    return page(rows, more, view, position);
  }

  /**
   * Builds a page from at most {@code limit} fetched rows, where a full page means that more may
   * follow (the next page may then be empty).
   */
  public static <E, T> CursorPage<T> ofFull(
      List<E> rows, int limit, Function<E, T> view, Function<E, String> position) {
    return page(rows, rows.size() == limit, view, position);
  }

  private static <E, T> CursorPage<T> page(
      List<E> rows, boolean more, Function<E, T> view, Function<E, String> position) {
    String next = more ? encode(position.apply(rows.get(rows.size() - 1))) : null;
    return new CursorPage<>(rows.stream().map(view).toList(), next);
  }

  /**
   * The page size asked for: {@value #DEFAULT_LIMIT} without one, else 1 to {@value #MAX_LIMIT}.
   */
  public static int limit(Integer requested) {
    if (requested == null) {
      return DEFAULT_LIMIT;
    }
    if (requested < 1 || requested > MAX_LIMIT) {
      throw ProblemException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
    }
    return requested;
  }

  public static String encode(String position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(position.getBytes(StandardCharsets.UTF_8));
  }

  /** Where a list sorted by (time, id) resumes: after this row. */
  public record After(Instant at, UUID id) {}

  /** The (time, id) position of a cursor, or an After of nulls without a cursor. */
  public static After after(String cursor) {
    String position = decode(cursor);
    if (position == null) {
      return new After(null, null);
    }
    try {
      String[] parts = position.split("\\|", 2);
      return new After(Instant.parse(parts[0]), UUID.fromString(parts[1]));
    } catch (RuntimeException e) {
      throw notACursor();
    }
  }

  /** The sequence number a cursor stands for, or null without a cursor. */
  public static Long seq(String cursor) {
    String position = decode(cursor);
    if (position == null) {
      return null;
    }
    try {
      return Long.parseLong(position);
    } catch (NumberFormatException e) {
      throw notACursor();
    }
  }

  /** The position a cursor stands for, or null without a cursor. */
  public static String decode(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw notACursor();
    }
  }

  private static ProblemException notACursor() {
    return ProblemException.invalid("cursor", "is not a cursor this API handed out");
  }
}
