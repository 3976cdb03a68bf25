package io.firebell.systemtests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection, sending the request target exactly as
 * given: the sweeps send what a well-behaved client refuses to (malformed escapes, raw non-ASCII
 * bytes, {@code ..}, 10 KB segments), so the JDK's client cannot carry them.
 */
final class RawHttp {

  private static final int TIMEOUT_MS = 60_000;

  /** The answer: status, headers (names in lower case) and body as UTF-8 text. */
  record Answer(int status, Map<String, String> headers, String body) {

    String contentType() {
      return headers.getOrDefault("content-type", "");
    }
  }

  private RawHttp() {}

  /**
   * Sends {@code method target} to {@code base}'s host and port with {@code headers} and {@code
   * body} (none when null; a Content-Length otherwise).
   */
  static Answer send(
      URI base, String method, String target, Map<String, String> headers, byte[] body)
      throws IOException {
    return send(base, method, target.getBytes(StandardCharsets.UTF_8), headers, body);
  }

  /** The same with the request target as raw bytes. */
  static Answer send(
      URI base, String method, byte[] target, Map<String, String> headers, byte[] body)
      throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), TIMEOUT_MS);
      socket.setSoTimeout(TIMEOUT_MS);
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      head.write((method + " ").getBytes(StandardCharsets.US_ASCII));
      head.write(target);
      StringBuilder lines = new StringBuilder(" HTTP/1.1\r\n");
      lines.append("Host: ").append(base.getHost()).append(':').append(base.getPort());
      lines.append("\r\nConnection: close\r\n");
      headers.forEach((k, v) -> lines.append(k).append(": ").append(v).append("\r\n"));
      if (body != null) {
        lines.append("Content-Length: ").append(body.length).append("\r\n");
      }
      lines.append("\r\n");
      head.write(lines.toString().getBytes(StandardCharsets.UTF_8));
      OutputStream out = socket.getOutputStream();
      out.write(head.toByteArray());
      if (body != null) {
        try {
          out.write(body);
        } catch (IOException closedEarly) {
          // A server may answer (413) and close before it has read a large body: read the answer.
        }
      }
      out.flush();
      return read(socket.getInputStream());
    }
  }

  private static Answer read(InputStream in) throws IOException {
    byte[] all = in.readAllBytes();
    int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    if (end < 0) {
      throw new IOException("no complete answer (" + all.length + " bytes)");
    }
    String[] head = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(head[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < head.length; i++) {
      int colon = head[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            head[i].substring(colon + 1).trim());
      }
    }
    byte[] rest = java.util.Arrays.copyOfRange(all, end + 4, all.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      rest = dechunk(rest);
    }
    return new Answer(status, headers, new String(rest, StandardCharsets.UTF_8));
  }

  private static byte[] dechunk(byte[] chunked) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int i = 0;
    while (i < chunked.length) {
      int lineEnd = indexOf(chunked, "\r\n".getBytes(StandardCharsets.US_ASCII), i);
      if (lineEnd < 0) {
        break;
      }
      String size = new String(chunked, i, lineEnd - i, StandardCharsets.US_ASCII).split(";")[0];
      int n = Integer.parseInt(size.trim(), 16);
      if (n == 0) {
        break;
      }
      body.write(chunked, lineEnd + 2, Math.min(n, chunked.length - lineEnd - 2));
      i = lineEnd + 2 + n + 2;
    }
    return body.toByteArray();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    return indexOf(haystack, needle, 0);
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
