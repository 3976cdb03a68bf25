package io.firebell.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver ({@code POST /v1/traces}, protobuf), the services' exporter target
 * under {@code ./firebell up} (FIREBELL_OTLP_ENDPOINT, default http://127.0.0.1:4318; ADR 0140). It
 * keeps the spans of the traces it is asked to watch and counts the others, so the benchmarks (and
 * the end-to-end test) can take each probe's hops from the services' real spans.
 */
public final class TraceReceiver implements AutoCloseable {

  /** One span as the receiver keeps it. Times are epoch nanoseconds. */
  public record Span(
      String traceId,
      String spanId,
      String parentSpanId,
      String name,
      String kind,
      String service,
      long startNanos,
      long endNanos,
      Map<String, String> attributes) {

    public long durationNanos() {
      return endNanos - startNanos;
    }
  }

  private static final HexFormat HEX = HexFormat.of();

  private final HttpServer server;
  private final Set<String> watched = ConcurrentHashMap.newKeySet();
  private final Map<String, List<Span>> spans = new ConcurrentHashMap<>();
  private final AtomicLong others = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();

  private TraceReceiver(HttpServer server) {
    this.server = server;
  }

  /** The endpoint the suite exports to, from FIREBELL_OTLP_ENDPOINT, or null when it is off. */
  public static URI configuredEndpoint() {
    if ("off".equalsIgnoreCase(System.getenv().getOrDefault("FIREBELL_OTLP", ""))) {
      return null;
    }
    return URI.create(
        System.getenv().getOrDefault("FIREBELL_OTLP_ENDPOINT", "http://127.0.0.1:4318"));
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Listens on the endpoint's host and port (0: any free one); fails when the port is taken. */
  public static TraceReceiver listen(URI endpoint) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 64);
    TraceReceiver receiver = new TraceReceiver(server);
    server.createContext("/", receiver::handle);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.start();
    return receiver;
  }

  /** Keeps the spans of the traces whose (lower-case hex) id starts with this, from now on. */
  public void watch(String traceIdPrefix) {
    watched.add(traceIdPrefix);
  }

  /** The spans received of one trace so far. */
  public List<Span> trace(String traceId) {
    List<Span> list = spans.get(traceId);
    if (list == null) {
      return List.of();
    }
    synchronized (list) {
      return List.copyOf(list);
    }
  }

  /** Export requests received (all traces). */
  public long requests() {
    return requests.get();
  }

  /** Spans received of traces nobody watched (background ingest the sampler kept). */
  public long otherSpans() {
    return others.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())
          || !exchange.getRequestURI().getPath().endsWith("/v1/traces")) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      InputStream in = exchange.getRequestBody();
      if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        in = new GZIPInputStream(in);
      }
      ExportTraceServiceRequest request;
      try {
        request = ExportTraceServiceRequest.parseFrom(in);
      } catch (IOException e) {
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      requests.incrementAndGet();
      for (ResourceSpans rs : request.getResourceSpansList()) {
        String service = attribute(rs.getResource(), "service.name");
        for (ScopeSpans ss : rs.getScopeSpansList()) {
          for (io.opentelemetry.proto.trace.v1.Span s : ss.getSpansList()) {
            keep(service, s);
          }
        }
      }
      byte[] body = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  private void keep(String service, io.opentelemetry.proto.trace.v1.Span s) {
    String traceId = HEX.formatHex(s.getTraceId().toByteArray());
    if (watched.stream().noneMatch(traceId::startsWith)) {
      others.incrementAndGet();
      return;
    }
    Map<String, String> attributes = new java.util.HashMap<>();
    for (KeyValue kv : s.getAttributesList()) {
      attributes.put(kv.getKey(), text(kv.getValue()));
    }
    Span span =
        new Span(
            traceId,
            HEX.formatHex(s.getSpanId().toByteArray()),
            s.getParentSpanId().isEmpty() ? "" : HEX.formatHex(s.getParentSpanId().toByteArray()),
            s.getName(),
            s.getKind().name(),
            service,
            s.getStartTimeUnixNano(),
            s.getEndTimeUnixNano(),
            attributes);
    List<Span> list = spans.computeIfAbsent(traceId, k -> new ArrayList<>());
    synchronized (list) {
      list.add(span);
    }
  }

  private static String attribute(Resource resource, String key) {
    for (KeyValue kv : resource.getAttributesList()) {
      if (kv.getKey().equals(key)) {
        return text(kv.getValue());
      }
    }
    return "";
  }

  private static String text(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case INT_VALUE -> Long.toString(value.getIntValue());
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      default -> value.toString();
    };
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
