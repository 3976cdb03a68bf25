package io.firebell.contracts;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text every Firebell component accepts and can store: no NUL character ({@code \u0000}, which
 * neither PostgreSQL's {@code text} nor {@code jsonb} holds) and no unpaired UTF-16 surrogate
 * (which has no UTF-8 form). The services refuse other text in bodies, paths and queries, and the
 * console in paths, queries and forms, with a 400 (ADR 0040).
 */
public final class StorableText {

  private StorableText() {}

  /** Why {@code text} cannot be stored, or null if it can. */
  public static String problem(CharSequence text) {
    if (text == null) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u0000') {
        return "must not contain NUL characters (\\u0000)";
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "must not contain unpaired UTF-16 surrogates";
      }
    }
    return null;
  }

  /**
   * Why the percent-encoded {@code raw} (a request path, or a query or form body when {@code form},
   * where {@code +} is a space) does not decode to storable UTF-8 text, or null if it does.
   * Characters up to U+00FF stand for one byte each, as HTTP's request line arrives.
   */
  public static String undecodable(String raw, boolean form) {
    if (raw.indexOf('%') < 0) {
      return problem(raw);
    }
    ByteBuffer bytes = ByteBuffer.allocate(raw.length() * 4);
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
        int low = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
        if (high < 0 || low < 0) {
          return "has a broken percent escape (% must be followed by two hex digits)";
        }
        bytes.put((byte) (high * 16 + low));
        i += 2;
      } else {
        char plain = form && c == '+' ? ' ' : c;
        if (plain <= 0xFF) {
          bytes.put((byte) plain);
        } else {
          bytes.put(String.valueOf(plain).getBytes(StandardCharsets.UTF_8));
        }
      }
    }
    bytes.flip();
    try {
      return problem(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(bytes));
    } catch (CharacterCodingException e) {
      return "is not percent-encoded UTF-8";
    }
  }
}
