package io.firebell.platform.outbound;

import io.firebell.platform.events.CloudEventHeaders;
import io.firebell.platform.outbound.OutboundResult.Failure;
import io.firebell.platform.tracing.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.tracing.TracingPolicy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The suite's one way to call out over HTTP (a POST to a URL someone configured, or a GET whose
 * answer is read, such as a metric query), on Vert.x's non-blocking client. Every call: checks the
 * URL and resolves its host with the {@link OutboundGuard} (every address), connects to the checked
 * address with the URL's name as Host header and TLS SNI (no second DNS lookup), never follows a
 * redirect, reads at most {@link OutboundGuard#maxResponseBytes()} of the answer's body and then
 * closes the connection, and ends at one deadline over the whole exchange (name lookup, connect,
 * TLS, headers and body) however slowly the receiver trickles. The returned future always completes
 * (never fails).
 *
 * <p>A caller makes one per purpose (it owns a connection pool) and closes it at shutdown.
 */
public class OutboundHttp {

  private static final Logger LOG = Logger.getLogger(OutboundHttp.class);

  private final Vertx vertx;
  private final OutboundGuard guard;
  private final HttpClient client;
  private final String userAgent;
  private final Tracing tracing;

  /**
   * @param maxConnectionsPerHost pooled connections per receiver address and port
   * @param userAgent the {@code User-Agent} header of every call
   */
  public OutboundHttp(
      Vertx vertx, OutboundGuard guard, int maxConnectionsPerHost, String userAgent) {
    this(vertx, guard, maxConnectionsPerHost, userAgent, null);
  }

  /**
   * @param tracing makes a client span of a call {@link #post(String, String, Map, String,
   *     Duration, String) given a traceparent} (null: none)
   */
  public OutboundHttp(
      Vertx vertx,
      OutboundGuard guard,
      int maxConnectionsPerHost,
      String userAgent,
      Tracing tracing) {
    this.vertx = vertx;
    this.guard = guard;
    this.userAgent = userAgent;
    this.tracing = tracing;
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setKeepAlive(true)
                .setForceSni(true)
                .setVerifyHost(true)
                .setMaxRedirects(0)
                .setDecompressionSupported(false)
                // Vert.x's own client spans are off: a traced call gets this class's span.
                .setTracingPolicy(TracingPolicy.IGNORE),
            new PoolOptions().setHttp1MaxSize(maxConnectionsPerHost).setMaxWaitQueueSize(-1));
  }

  /** Closes the connection pool. */
  public void close() {
    client.close();
  }

  /**
   * POSTs {@code body} to {@code url}.
   *
   * @param headers request headers besides content type and user agent
   * @param deadline the whole exchange's limit
   */
  public Future<OutboundResult> post(
      String url, String contentType, Map<String, String> headers, String body, Duration deadline) {
    return call(HttpMethod.POST, url, contentType, headers, body, deadline, 0).map(a -> a.result());
  }

  /**
   * POSTs like {@link #post(String, String, Map, String, Duration)}, as a step of the trace {@code
   * traceparent} names: under a client span {@code POST}, whose context the request carries in its
   * {@code traceparent} header (ADR 0140). Without tracing, or an unsampled or absent parent, it is
   * the plain call.
   */
  public Future<OutboundResult> post(
      String url,
      String contentType,
      Map<String, String> headers,
      String body,
      Duration deadline,
      String traceparent) {
    Context parent = tracing == null ? null : tracing.extract(traceparent);
    if (parent == null || !Span.fromContext(parent).getSpanContext().isSampled()) {
      return post(url, contentType, headers, body, deadline);
    }
    URI uri = OutboundGuard.urlProblem(url) == null ? URI.create(url) : null;
    Span span =
        tracing
            .span("POST", SpanKind.CLIENT)
            .setParent(parent)
            .setAttribute("http.request.method", "POST")
            .setAttribute("server.address", uri == null ? "" : String.valueOf(uri.getHost()))
            .setAttribute("server.port", uri == null ? -1 : uri.getPort())
            .startSpan();
    Map<String, String> traced = new LinkedHashMap<>(headers);
    traced.put(CloudEventHeaders.TRACEPARENT, Tracing.traceparent(span));
    return post(url, contentType, traced, body, deadline)
        .andThen(
            done -> {
              OutboundResult result = done.result();
              if (result.failure() != null) {
                span.setStatus(StatusCode.ERROR, result.failure().name());
              } else {
                span.setAttribute("http.response.status_code", result.status());
                if (result.status() >= 500) {
                  span.setStatus(StatusCode.ERROR);
                }
              }
              span.end();
            });
  }

  /**
   * GETs {@code url} and keeps the answer's body, up to {@code maxBodyBytes} (past it the
   * connection is closed and the answer is {@link OutboundResult#truncated() truncated}, its body
   * empty). The same guard, deadline and no-redirect rules as {@link #post}.
   */
  public Future<OutboundAnswer> get(
      String url, Map<String, String> headers, Duration deadline, int maxBodyBytes) {
    return call(HttpMethod.GET, url, null, headers, null, deadline, Math.max(1, maxBodyBytes));
  }

  /** An answer and, for {@link #get}, its body (empty without one or when truncated). */
  public record OutboundAnswer(OutboundResult result, String body) {}

  private Future<OutboundAnswer> call(
      HttpMethod method,
      String url,
      String contentType,
      Map<String, String> headers,
      String body,
      Duration deadline,
      int keepBodyBytes) {
    if (OutboundGuard.urlProblem(url) != null) {
      return Future.succeededFuture(new OutboundAnswer(OutboundResult.failed(Failure.BAD_URL), ""));
    }
    URI uri = URI.create(url);
    Exchange exchange = new Exchange(uri, deadline.toMillis(), keepBodyBytes);
    String host = OutboundGuard.host(uri);
    resolve(host)
        .onComplete(
            resolved -> {
              if (resolved.failed()) {
                exchange.finish(refusal(host, resolved.cause()));
              } else if (!exchange.isDone()) {
                exchange.send(resolved.result(), method, contentType, headers, body);
              }
            });
    return exchange.promise.future().map(r -> new OutboundAnswer(r, exchange.keptBody()));
  }

  private Future<InetAddress> resolve(String host) {
    boolean literal = host.startsWith("[") || host.matches("[0-9.]+");
    if (literal) {
      try {
        return Future.succeededFuture(guard.resolve(host));
      } catch (UnknownHostException e) {
        return Future.failedFuture(e);
      }
    }
    // DNS may block: off the event loop.
    return vertx.executeBlocking(() -> guard.resolve(host), false);
  }

  private static OutboundResult refusal(String host, Throwable cause) {
    if (cause instanceof RefusedAddressException refused) {
      LOG.debugf("outbound call to %s refused: %s", host, refused.getMessage());
      return OutboundResult.refused(refused.addressClass());
    }
    LOG.debugf("outbound call: %s does not resolve: %s", host, cause.getMessage());
    return OutboundResult.failed(Failure.UNRESOLVED);
  }

  /** How often a call closed before any answer is sent again (see Exchange#failed). */
  static final int RESENDS = 2;

  /** One call's state: its deadline timer, its request once sent, and its single outcome. */
  private final class Exchange {
    final Promise<OutboundResult> promise = Promise.promise();
    private final AtomicBoolean done = new AtomicBoolean();
    private final URI uri;
    private final long deadlineMs;
    private final long timer;
    private volatile HttpClientRequest request;
    private long bodyBytes;
    // 0: the body is counted, not kept (a POST's answer); else kept up to this many bytes.
    private final int keepBodyBytes;
    private final Buffer kept = Buffer.buffer();

    Exchange(URI uri, long deadlineMs, int keepBodyBytes) {
      this.uri = uri;
      this.deadlineMs = deadlineMs;
      this.keepBodyBytes = keepBodyBytes;
      this.timer = vertx.setTimer(deadlineMs, id -> timedOut());
    }

    boolean isDone() {
      return done.get();
    }

    /** The body kept so far, or empty when it was not kept or went past the cap. */
    String keptBody() {
      return keepBodyBytes == 0 || bodyBytes > keepBodyBytes ? "" : kept.toString();
    }

    // What send() sent, to send it again when the receiver closed the connection first (RESENDS).
    private InetAddress address;
    private HttpMethod method;
    private String contentType;
    private Map<String, String> headers;
    private String body;
    private int resent;
    private volatile boolean answered;

    void send(
        InetAddress address,
        HttpMethod method,
        String contentType,
        Map<String, String> headers,
        String body) {
      this.address = address;
      this.method = method;
      this.contentType = contentType;
      this.headers = headers;
      this.body = body;
      boolean https = "https".equalsIgnoreCase(uri.getScheme());
      int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      if (uri.getRawQuery() != null) {
        path = path + "?" + uri.getRawQuery();
      }
      RequestOptions options =
          new RequestOptions()
              .setMethod(method)
              .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, port)))
              .setHost(uri.getHost())
              .setPort(port)
              .setSsl(https)
              .setURI(path)
              .setFollowRedirects(false)
              .setConnectTimeout(deadlineMs)
              .setIdleTimeout(deadlineMs);
      if (contentType != null) {
        options.putHeader("content-type", contentType);
      }
      options.putHeader("user-agent", userAgent);
      headers.forEach(options::putHeader);
      client
          .request(options)
          .compose(
              sent -> {
                request = sent;
                if (done.get()) {
                  sent.reset();
                }
                return body == null ? sent.send() : sent.send(Buffer.buffer(body));
              })
          .onComplete(
              answer -> {
                if (answer.failed()) {
                  failed(answer.cause());
                } else {
                  read(answer.result());
                }
              });
    }

    /** Reads the body up to the cap, counting it, and answers with the status at its end. */
    private void read(HttpClientResponse response) {
      answered = true;
      int status = response.statusCode();
      String retryAfter = response.getHeader("retry-after");
      int cap = keepBodyBytes > 0 ? keepBodyBytes : guard.maxResponseBytes();
      response.exceptionHandler(this::failed);
      response.handler(
          chunk -> {
            bodyBytes += chunk.length();
            if (keepBodyBytes > 0 && bodyBytes <= cap) {
              kept.appendBuffer(chunk);
            }
            if (bodyBytes > cap
                && finish(OutboundResult.answered(status, retryAfter, bodyBytes, true))) {
              LOG.debugf("outbound call to %s: body past %d bytes, closed", uri.getHost(), cap);
              request.reset();
            }
          });
      response.endHandler(
          v -> finish(OutboundResult.answered(status, retryAfter, bodyBytes, false)));
    }

    private void failed(Throwable t) {
      if (t instanceof HttpClosedException && !answered && resent < RESENDS && !done.get()) {
        // The connection closed before any answer: most often a kept-alive connection the
        // receiver had just closed as idle (servers close idle connections after a few seconds to
        // a minute, or past a number of them, and the pool may hand one out as the close arrives;
        // after a burst several can be stale at once). Sent again, on another connection, within
        // the same deadline; a delivery is at least once anyway.
        resent++;
        request = null;
        LOG.debugf(
            "outbound call to %s: connection closed before an answer, sent again", uri.getHost());
        send(address, method, contentType, headers, body);
        return;
      }
      Failure failure =
          t instanceof TimeoutException || t instanceof io.netty.channel.ConnectTimeoutException
              ? Failure.TIMED_OUT
              : Failure.CONNECTION_FAILED;
      if (finish(OutboundResult.failed(failure))) {
        LOG.debugf("outbound call to %s failed: %s", uri.getHost(), t.toString());
      }
    }

    private void timedOut() {
      if (finish(OutboundResult.failed(Failure.TIMED_OUT)) && request != null) {
        // Closes the connection: whatever the receiver still sends is never read.
        request.reset();
      }
    }

    /** Completes the call once; false if it had completed already. */
    boolean finish(OutboundResult result) {
      if (!done.compareAndSet(false, true)) {
        return false;
      }
      vertx.cancelTimer(timer);
      promise.complete(result);
      return true;
    }
  }
}
