package io.firebell.platform.outbound;

/**
 * What one outbound call came to: an answer's status, or why there was none. Its texts are coarse
 * on purpose: they end up where people read them (a page's or a delivery's last error), and a
 * detailed socket error or the receiver's body would let anyone who can set a URL probe the network
 * behind Firebell. Details go to the log.
 *
 * @param status the answer's status, or null without an answer
 * @param retryAfter the answer's {@code Retry-After} header as sent, or null
 * @param bodyBytesRead response-body bytes read (at most the cap, plus the last chunk)
 * @param truncated whether the body went past the cap and the connection was closed
 * @param failure why there was no answer, or null
 * @param refusedClass with {@link Failure#REFUSED}: the refused address class, else null
 */
public record OutboundResult(
    Integer status,
    String retryAfter,
    long bodyBytesRead,
    boolean truncated,
    Failure failure,
    String refusedClass) {

  /** Why a call got no answer. */
  public enum Failure {
    /** The URL is not an http(s) URL the guard accepts. */
    BAD_URL("bad URL"),
    /** The host is, or resolves to, an address the guard refuses. */
    REFUSED("refused by the outbound guard"),
    /** The name did not resolve. */
    UNRESOLVED("host does not resolve"),
    /** The deadline (connect, headers and body together) passed. */
    TIMED_OUT("timed out"),
    /** Connecting, TLS or the exchange failed. */
    CONNECTION_FAILED("connection failed");

    private final String text;

    Failure(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  static OutboundResult failed(Failure failure) {
    return new OutboundResult(null, null, 0, false, failure, null);
  }

  static OutboundResult refused(String addressClass) {
    return new OutboundResult(null, null, 0, false, Failure.REFUSED, addressClass);
  }

  static OutboundResult answered(int status, String retryAfter, long read, boolean truncated) {
    return new OutboundResult(status, retryAfter, read, truncated, null, null);
  }

  /** A 2xx answer. */
  public boolean succeeded() {
    return status != null && status >= 200 && status < 300;
  }

  /** One line on what went wrong with the exact status ({@code HTTP 503}); null on success. */
  public String error() {
    return describe(false);
  }

  /** As {@link #error()} with the status's class only ({@code HTTP 5xx}). */
  public String errorCategory() {
    return describe(true);
  }

  private String describe(boolean statusClass) {
    if (failure == Failure.REFUSED && refusedClass != null) {
      return failure.text() + " (" + refusedClass + ")";
    }
    if (failure != null) {
      return failure.text();
    }
    if (succeeded()) {
      return null;
    }
    String code = statusClass ? (status / 100) + "xx" : Integer.toString(status);
    return status >= 300 && status < 400
        ? "HTTP " + code + " redirect (redirects are not followed)"
        : "HTTP " + code;
  }
}
