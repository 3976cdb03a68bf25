package io.firebell.platform.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.firebell.platform.health.ProbeAnswers.Answer;
import io.firebell.platform.health.ProbeAnswers.Group;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Kubernetes' probes on a port of their own, answered by a thread of their own (ADR 0147).
 *
 * <p>Quarkus answers {@code /q/health/*} on the event loops that also run the service's work: under
 * the benchmark's storm, with every core busy, detection-service's readiness took up to 1.6 s and
 * the grouping worker's liveness, a check that reads one flag, up to 1 s, while an idle process on
 * the same machine answered within 160 ms. A probe that does not answer within its timeout takes a
 * busy pod out of service, or restarts it: busy would look like down.
 *
 * <p>So, when {@code firebell.probe.port} is set, a thread of this service evaluates the health
 * groups every {@code firebell.probe.refresh} (the same checks as {@code /q/health/*}), and a
 * second thread answers {@code GET /q/health/live|ready|started} on that port from the last
 * evaluation, without waiting for the event loops. An evaluation older than {@code
 * firebell.probe.max-age} answers DOWN: a service whose checks hang is not healthy, only slow ones
 * are. From the first moment of a stop, readiness answers DOWN. The main port's {@code /q/health}
 * stays as it is (the launcher and the tests use it); the chart's and the manifests' probes use
 * this port.
 */
@ApplicationScoped
public class ProbeServer {

  private static final Logger LOG = Logger.getLogger(ProbeServer.class);

  private final SmallRyeHealthReporter reporter;
  private final Optional<Integer> port;
  private final String host;
  private final Duration refresh;
  private final Duration maxAge;

  private volatile boolean running;
  private ProbeAnswers answers;
  private final List<Thread> evaluators = new ArrayList<>();
  private HttpServer server;
  private ExecutorService responder;

  public ProbeServer(
      SmallRyeHealthReporter reporter,
      @ConfigProperty(name = "firebell.probe.port") Optional<Integer> port,
      @ConfigProperty(name = "firebell.probe.host", defaultValue = "0.0.0.0") String host,
      @ConfigProperty(name = "firebell.probe.refresh", defaultValue = "PT0.5S") Duration refresh,
      @ConfigProperty(name = "firebell.probe.max-age", defaultValue = "PT10S") Duration maxAge) {
    this.reporter = reporter;
    this.port = port.filter(p -> p >= 0);
    this.host = host;
    this.refresh = refresh;
    this.maxAge = maxAge;
  }

  void start(@Observes StartupEvent event) {
    if (port.isEmpty()) {
      return;
    }
    answers = new ProbeAnswers(maxAge.toNanos(), System::nanoTime);
    try {
      server = HttpServer.create(new InetSocketAddress(host, port.get()), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen for probes on " + host + ":" + port.get(), e);
    }
    responder =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "firebell-probe");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(responder);
    server.createContext("/q/health/", this::handle);
    running = true;
    // One thread per group: readiness checks that hang (a database that does not answer) must not
    // leave liveness unevaluated, which would restart a pod that is only cut off.
    for (Group group : Group.values()) {
      Thread t = new Thread(() -> evaluate(group), "firebell-probe-" + group.path);
      t.setDaemon(true);
      t.start();
      evaluators.add(t);
    }
    server.start();
    LOG.infof("probes on %s:%d (/q/health/live, ready, started)", host, boundPort());
  }

  /**
   * The port the probes listen on, or -1 when they are off ({@code firebell.probe.port=0} binds
   * any).
   */
  public int boundPort() {
    return server == null ? -1 : server.getAddress().getPort();
  }

  void stopping(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE - 1) ShutdownEvent event) {
    if (answers != null) {
      answers.stopping();
    }
  }

  void stop(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER) ShutdownEvent event) {
    running = false;
    evaluators.forEach(Thread::interrupt);
    if (server != null) {
      // The JDK server's dispatcher is not a daemon thread: left open, it would keep the JVM alive.
      server.stop(0);
      responder.shutdownNow();
    }
  }

  private void evaluate(Group group) {
    long refreshMs = Math.max(1, refresh.toMillis());
    while (running) {
      long started = System.nanoTime();
      try {
        answers.evaluated(group, checks(group).await().atMost(maxAge));
      } catch (RuntimeException e) {
        if (running) {
          LOG.debugf(e, "health group %s could not be evaluated", group.path);
          answers.failed(group, String.valueOf(e.getMessage()));
        }
      }
      long left = refreshMs - (System.nanoTime() - started) / 1_000_000;
      try {
        Thread.sleep(Math.max(left, 1));
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private Uni<SmallRyeHealth> checks(Group group) {
    return switch (group) {
      case LIVE -> reporter.getLivenessAsync();
      case READY -> reporter.getReadinessAsync();
      case STARTED -> reporter.getStartupAsync();
    };
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      Group group = Group.of(path.substring("/q/health/".length()).replaceAll("/+$", ""));
      String method = exchange.getRequestMethod();
      if (group == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      if (!"GET".equals(method) && !"HEAD".equals(method)) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      Answer answer = answers.answer(group);
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      if ("HEAD".equals(method)) {
        exchange.sendResponseHeaders(answer.status(), -1);
        return;
      }
      exchange.sendResponseHeaders(answer.status(), answer.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body());
      }
    }
  }
}
