package io.firebell.platform.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebell.client.Receiver;
import io.firebell.platform.outbound.OutboundResult.Failure;
import io.firebell.platform.testing.HostileReceiver;
import io.firebell.platform.testing.HostileReceiver.Behaviour;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outbound client against real sockets on 127.0.0.1 (allow-listed, as in the services' test
 * profiles): the deadline over the whole exchange, the body cap, no redirects, the address it
 * checked, and the coarse reasons.
 */
class OutboundHttpTest {

  // Long enough for a cold client (TLS set-up, class loading) on a loaded 2-core machine.
  private static final Duration DEADLINE = Duration.ofSeconds(5);
  private static final int CAP = 16384;

  private static Vertx vertx;
  private static OutboundHttp http;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    OutboundGuard guard =
        new OutboundGuard(
            new OutboundConfig() {
              @Override
              public Optional<List<String>> allowList() {
                return Optional.of(List.of("127.0.0.1/32"));
              }

              @Override
              public int maxResponseBytes() {
                return CAP;
              }
            });
    http = new OutboundHttp(vertx, guard, 4, "Firebell-Test");
  }

  @AfterAll
  static void stop() {
    http.close();
    vertx.close();
  }

  private static OutboundResult post(String url) throws Exception {
    return http.post(url, "application/json", Map.of("x-test", "1"), "{}", DEADLINE)
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void connectsToTheCheckedAddressAndKeepsTheNameInTheHostHeader() throws Exception {
    try (Receiver receiver = new Receiver()) {
      OutboundResult result = post("http://localhost:" + receiver.port() + "/hook?a=1");
      assertThat(result.succeeded()).isTrue();
      assertThat(result.error()).isNull();
      Receiver.Message got = receiver.received("/hook").get(0);
      assertThat(got.header("host")).isEqualTo("localhost:" + receiver.port());
      assertThat(got.header("x-test")).isEqualTo("1");
      assertThat(got.header("user-agent")).isEqualTo("Firebell-Test");
    }
  }

  @Test
  void readsAtMostTheCapOfAHugeBodyThenHangsUp() throws Exception {
    try (HostileReceiver huge = HostileReceiver.start(Behaviour.HUGE_BODY)) {
      OutboundResult result = post(huge.url("/"));
      assertThat(result.status()).isEqualTo(503);
      assertThat(result.truncated()).isTrue();
      assertThat(result.bodyBytesRead()).isGreaterThan(CAP).isLessThan(CAP + (1 << 20));
      assertThat(result.error()).isEqualTo("HTTP 503");
      assertThat(result.errorCategory()).isEqualTo("HTTP 5xx");
      assertThat(huge.bytesWritten()).isLessThan(64L << 20);
    }
  }

  private static OutboundHttp.OutboundAnswer get(String url, int cap) throws Exception {
    return http.get(url, Map.of("accept", "application/json"), DEADLINE, cap)
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void aGetKeepsTheAnswerUpToItsCapUnderTheSameGuard() throws Exception {
    com.sun.net.httpserver.HttpServer server =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/query_range",
        exchange -> {
          byte[] body =
              ("{\"method\":\""
                      + exchange.getRequestMethod()
                      + "\",\"query\":\""
                      + exchange.getRequestURI().getRawQuery()
                      + "\"}")
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/query_range";
      OutboundHttp.OutboundAnswer answer = get(url + "?query=sum%28up%29&step=604800", 1 << 20);
      assertThat(answer.result().succeeded()).isTrue();
      assertThat(answer.body())
          .isEqualTo("{\"method\":\"GET\",\"query\":\"query=sum%28up%29&step=604800\"}");
      OutboundHttp.OutboundAnswer small = get(url, 10);
      assertThat(small.result().truncated()).isTrue();
      assertThat(small.body()).isEmpty();
    } finally {
      server.stop(0);
    }
    try (HostileReceiver huge = HostileReceiver.start(Behaviour.HUGE_BODY)) {
      OutboundHttp.OutboundAnswer answer = get(huge.url("/"), CAP);
      assertThat(answer.result().truncated()).isTrue();
      assertThat(answer.body()).isEmpty();
      assertThat(huge.bytesWritten()).isLessThan(64L << 20);
    }
    assertThat(get("http://127.0.0.2:1/", CAP).result().error())
        .isEqualTo("refused by the outbound guard (loopback)");
  }

  @Test
  void theDeadlineCoversTheWholeExchange() throws Exception {
    for (Behaviour b : List.of(Behaviour.NEVER_ANSWERS, Behaviour.TRICKLE)) {
      try (HostileReceiver slow = HostileReceiver.start(b)) {
        long start = System.nanoTime();
        OutboundResult result = post(slow.url("/"));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(result.failure()).as(b.toString()).isEqualTo(Failure.TIMED_OUT);
        assertThat(result.error()).isEqualTo("timed out");
        assertThat(ms).as(b.toString()).isLessThan(DEADLINE.toMillis() + 3_000);
      }
    }
  }

  @Test
  void followsNoRedirect() throws Exception {
    try (HostileReceiver target = HostileReceiver.start(Behaviour.OK);
        HostileReceiver redirect = HostileReceiver.redirectingTo(target.url("/stolen"))) {
      OutboundResult result = post(redirect.url("/"));
      assertThat(result.status()).isEqualTo(302);
      assertThat(result.error()).isEqualTo("HTTP 302 redirect (redirects are not followed)");
      assertThat(target.connections()).isZero();
    }
  }

  @Test
  void aFailedHandshakeIsAConnectionFailureWithoutDetail() throws Exception {
    try (HostileReceiver garbage = HostileReceiver.start(Behaviour.TLS_GARBAGE)) {
      OutboundResult result = post(garbage.url("/"));
      assertThat(result.failure()).isEqualTo(Failure.CONNECTION_FAILED);
      assertThat(result.error()).isEqualTo("connection failed");
    }
  }

  /**
   * A receiver on a raw socket that reads each request whole and then closes the first {@code
   * closing} connections without a word (as a server closing a kept-alive connection it thinks
   * idle), and answers 200 on the ones after.
   */
  private static final class ClosingReceiver implements AutoCloseable {
    final java.net.ServerSocket server =
        new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"));
    final java.util.concurrent.atomic.AtomicInteger connections =
        new java.util.concurrent.atomic.AtomicInteger();
    private final Thread thread;

    ClosingReceiver(int closing) throws java.io.IOException {
      thread =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try (java.net.Socket s = server.accept()) {
                    int n = connections.incrementAndGet();
                    readRequest(s.getInputStream());
                    if (n > closing) {
                      s.getOutputStream()
                          .write(
                              "HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
                                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                      s.getOutputStream().flush();
                    }
                  } catch (java.io.IOException e) {
                    // closed
                  }
                }
              });
      thread.setDaemon(true);
      thread.start();
    }

    /** Reads the head and the content-length body, so that closing sends FIN, not RST. */
    private static void readRequest(java.io.InputStream in) throws java.io.IOException {
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int c = in.read();
        if (c < 0) {
          return;
        }
        head.append((char) c);
      }
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
      int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
      in.readNBytes(length);
    }

    String url() {
      return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
    }

    @Override
    public void close() throws java.io.IOException {
      server.close();
    }
  }

  @Test
  void aConnectionClosedBeforeAnyAnswerIsSentAgainOnAnother() throws Exception {
    try (ClosingReceiver twice = new ClosingReceiver(OutboundHttp.RESENDS)) {
      OutboundResult result = post(twice.url());
      assertThat(result.succeeded()).as(String.valueOf(result.error())).isTrue();
      assertThat(result.status()).isEqualTo(200);
      assertThat(twice.connections.get()).isEqualTo(OutboundHttp.RESENDS + 1);
    }
    // No more: a receiver that closes every connection is a connection failure.
    try (ClosingReceiver always = new ClosingReceiver(Integer.MAX_VALUE)) {
      OutboundResult result = post(always.url());
      assertThat(result.failure()).isEqualTo(Failure.CONNECTION_FAILED);
      Thread.sleep(200);
      assertThat(always.connections.get()).isEqualTo(OutboundHttp.RESENDS + 1);
    }
  }

  @Test
  void refusedAddressesAreNeverContacted() throws Exception {
    try (HostileReceiver target = HostileReceiver.start(Behaviour.OK)) {
      String port = target.url("/").replaceAll(".*:(\\d+)/", "$1");
      assertThat(post("http://127.0.0.2:" + port + "/").error())
          .isEqualTo("refused by the outbound guard (loopback)");
      assertThat(post("http://127.1:" + port + "/").error())
          .isEqualTo("refused by the outbound guard (ambiguous IPv4 literal)");
      assertThat(post("http://[::ffff:127.0.0.1]:" + port + "/").failure())
          .isEqualTo(Failure.REFUSED);
      assertThat(post("http://metadata.firebell.test:" + port + "/").error())
          .isEqualTo("refused by the outbound guard (cloud metadata)");
      assertThat(post("http://nowhere.firebell.test/").error()).isEqualTo("host does not resolve");
      assertThat(post("ftp://127.0.0.1/").failure()).isEqualTo(Failure.BAD_URL);
      assertThat(target.connections()).isZero();
    }
  }
}
