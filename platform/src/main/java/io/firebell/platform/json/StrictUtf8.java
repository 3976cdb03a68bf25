package io.firebell.platform.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.io.InputDecorator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * Refuses JSON that is not well-formed UTF-8 (RFC 3629) before Jackson reads it. Jackson decodes
 * what it is given leniently: an overlong form such as {@code C0 AF} becomes {@code /}, so a body
 * with bytes no UTF-8 encoder writes was stored as if it were ordinary text (found by the generated
 * sweep, issue 19). Refused here, it is a malformed-JSON 400 like any other. ASCII, almost every
 * byte of every body, costs one comparison.
 */
final class StrictUtf8 extends InputDecorator {

  private static final long serialVersionUID = 1L;

  @Override
  public InputStream decorate(IOContext context, InputStream in) throws IOException {
    byte[] bytes = in.readAllBytes();
    check(bytes, 0, bytes.length);
    return new ByteArrayInputStream(bytes);
  }

  @Override
  public InputStream decorate(IOContext context, byte[] src, int offset, int length)
      throws IOException {
    check(src, offset, length);
    return null; // read the array as it is
  }

  @Override
  public Reader decorate(IOContext context, Reader reader) {
    return reader; // already characters
  }

  /** Throws if {@code b[offset, offset + length)} is not well-formed UTF-8. */
  static void check(byte[] b, int offset, int length) throws JsonParseException {
    int i = offset;
    int end = offset + length;
    while (i < end) {
      int c = b[i] & 0xFF;
      if (c < 0x80) {
        i++;
        continue;
      }
      int size;
      int low = 0x80;
      int high = 0xBF;
      if (c >= 0xC2 && c <= 0xDF) {
        size = 2;
      } else if (c >= 0xE0 && c <= 0xEF) {
        size = 3;
        if (c == 0xE0) {
          low = 0xA0; // shorter forms are overlong
        } else if (c == 0xED) {
          high = 0x9F; // UTF-16 surrogates have no UTF-8 form
        }
      } else if (c >= 0xF0 && c <= 0xF4) {
        size = 4;
        if (c == 0xF0) {
          low = 0x90;
        } else if (c == 0xF4) {
          high = 0x8F; // nothing above U+10FFFF
        }
      } else {
        throw malformed(i - offset);
      }
      if (i + size > end) {
        throw malformed(i - offset);
      }
      int second = b[i + 1] & 0xFF;
      if (second < low || second > high) {
        throw malformed(i - offset);
      }
      for (int k = 2; k < size; k++) {
        int next = b[i + k] & 0xFF;
        if (next < 0x80 || next > 0xBF) {
          throw malformed(i - offset);
        }
      }
      i += size;
    }
  }

  private static JsonParseException malformed(int at) {
    return new JsonParseException(
        (JsonParser) null, "the body is not well-formed UTF-8 (at byte " + at + ")");
  }
}
