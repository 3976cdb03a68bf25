package io.firebell.deploy;

import static io.firebell.deploy.Renders.CONSOLE_OIDC_VALUES;
import static io.firebell.deploy.Renders.K8S;
import static io.firebell.deploy.Renders.ROOT;
import static io.firebell.deploy.Renders.find;
import static io.firebell.deploy.Renders.ofKind;
import static io.firebell.deploy.YamlDocs.at;
import static io.firebell.deploy.YamlDocs.list;
import static io.firebell.deploy.YamlDocs.map;
import static io.firebell.deploy.YamlDocs.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The console as k8s/ and the chart deploy it (issue 17), beyond the rules every Deployment keeps
 * (ManifestChecker): the generated manifests are what quarkus-kubernetes writes, the Ingress routes
 * every page the console serves and nothing of /q, the services trust the console's key set unless
 * an identity provider's is configured, and company sign-in is wired when it is on.
 */
class ConsoleDeployTest {

  private static final Pattern PATH = Pattern.compile("@Path\\(\\s*([^)]*?)\\s*\\)");
  private static final Pattern TYPE =
      Pattern.compile("^(public\\s+|final\\s+|abstract\\s+)*(class|record|interface)\\s", 8);

  /** Paths the console serves that stay inside the cluster (the services read the key set). */
  private static final Set<String> IN_CLUSTER = Set.of("/.well-known");

  /**
   * k8s/generated/*.yml are quarkus-kubernetes' output as the module's build wrote it (compared as
   * objects, the ports of each list by name: quarkus-kubernetes keeps neither the order of labels
   * nor that of a container's or Service's ports, http and probe). In {@code ./firebell test} every
   * module is packaged before deploy-tests run; a module without output, or whose configuration
   * changed since it was built, is skipped here.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "detection-service",
        "incident-service",
        "broadcast-service",
        "review-service",
        "console"
      })
  void theGeneratedManifestIsWhatQuarkusKubernetesWrites(String module) throws IOException {
    Path written = ROOT.resolve(module + "/target/kubernetes/kubernetes.yml");
    assumeTrue(Files.exists(written), module + " is not packaged: nothing to compare with");
    List<Path> inputs =
        new ArrayList<>(
            List.of(
                ROOT.resolve(module + "/src/main/resources/application.properties"),
                ROOT.resolve(module + "/pom.xml"),
                ROOT.resolve("pom.xml")));
    if (module.endsWith("-service")) {
      inputs.add(
          ROOT.resolve("platform/src/main/resources/META-INF/microprofile-config.properties"));
    }
    FileTime built = Files.getLastModifiedTime(written);
    for (Path input : inputs) {
      assumeTrue(
          Files.getLastModifiedTime(input).compareTo(built) <= 0,
          input + " changed after " + module + " was packaged: package it to compare");
    }

    assertThat(byKindAndName(YamlDocs.documents(K8S.resolve("generated/" + module + ".yml"))))
        .as("k8s/generated/%s.yml differs from %s: run scripts/generate-k8s", module, written)
        .isEqualTo(byKindAndName(YamlDocs.documents(written)));
  }

  @Test
  void theIngressRoutesEveryPageOfTheConsoleAndNothingThatStaysInside() throws IOException {
    Set<String> served = consolePaths();
    assertThat(served).contains("/", "/incidents", "/sign-in", "/live", "/static", "/oidc");

    for (List<Map<String, Object>> docs : List.of(Renders.k8s(), Renders.helm(null))) {
      Map<String, String> routed = consoleRoutes(docs);
      Set<String> missing = new TreeSet<>();
      for (String path : served) {
        if (IN_CLUSTER.contains(path)) {
          continue;
        }
        String type = routed.get(path);
        if (type == null || (path.equals("/") && !type.equals("Exact"))) {
          missing.add(path);
        }
      }
      assertThat(missing)
          .as(
              "console pages no Ingress rule routes (k8s/ingress.yaml and the chart's"
                  + " firebell.consolePaths)")
          .isEmpty();
      assertThat(routed.keySet())
          .noneMatch(p -> p.startsWith("/q"))
          .noneMatch(p -> IN_CLUSTER.stream().anyMatch(p::startsWith));
      assertThat(routed).containsEntry("/", "Exact");
    }
  }

  /**
   * The first segment of every path the console serves: resources' {@code @Path} (a resource at "/"
   * serves its methods' paths), static files under META-INF/resources, and the OpenID Connect paths
   * of its configuration.
   */
  private static Set<String> consolePaths() throws IOException {
    Path console = ROOT.resolve("console/src/main");
    Set<String> paths = new TreeSet<>();
    List<Path> sources;
    try (Stream<Path> files = Files.walk(console.resolve("java"))) {
      sources = files.filter(f -> f.toString().endsWith(".java")).toList();
    }
    for (Path source : sources) {
      String text = Files.readString(source);
      Matcher type = TYPE.matcher(text);
      int typeAt = type.find() ? type.start() : 0;
      Matcher m = PATH.matcher(text);
      String root = null;
      List<String> methods = new ArrayList<>();
      while (m.find()) {
        String literal = m.group(1);
        assertThat(literal)
            .as("%s: a @Path that deploy-tests can read (a string literal)", source)
            .matches("\"[^\"]*\"");
        String value = literal.substring(1, literal.length() - 1);
        if (m.start() < typeAt) {
          root = value;
        } else {
          methods.add(value);
        }
      }
      if (root == null) {
        continue;
      }
      String first = firstSegment(root);
      if (!first.equals("/")) {
        paths.add(first);
      } else {
        methods.forEach(p -> paths.add(firstSegment(p)));
        if (hasRootMethod(text)) {
          paths.add("/");
        }
      }
    }
    try (Stream<Path> files = Files.list(console.resolve("resources/META-INF/resources"))) {
      files.forEach(f -> paths.add("/" + f.getFileName()));
    }
    for (String line : Files.readAllLines(console.resolve("resources/application.properties"))) {
      if (line.matches("quarkus\\.oidc\\.[\\w.-]*path=/.*")) {
        paths.add(firstSegment(line.substring(line.indexOf('=') + 1)));
      }
    }
    return paths;
  }

  /** Whether a resource at "/" has a method without a @Path of its own (it serves "/"). */
  private static boolean hasRootMethod(String text) {
    Matcher m = Pattern.compile("@(GET|POST)\\s+((?:@[\\w.]+(?:\\([^)]*\\))?\\s+)*)").matcher(text);
    while (m.find()) {
      if (!m.group(2).contains("@Path")) {
        return true;
      }
    }
    return false;
  }

  private static String firstSegment(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    int slash = p.indexOf('/');
    return "/" + (slash < 0 ? p : p.substring(0, slash));
  }

  /** The console host's paths, to their pathType, in a rendering's Ingresses. */
  private static Map<String, String> consoleRoutes(List<Map<String, Object>> docs) {
    Map<String, String> routed = new java.util.TreeMap<>();
    for (Map<String, Object> ingress : ofKind(docs, "Ingress")) {
      for (Object rule : list(at(ingress, "spec", "rules"))) {
        List<Object> paths = list(at(rule, "http", "paths"));
        boolean console =
            paths.stream()
                .anyMatch(p -> "firebell-console".equals(string(p, "backend", "service", "name")));
        if (!console) {
          continue;
        }
        assertThat(string(rule, "host")).isEqualTo("console.firebell.example.com");
        for (Object p : paths) {
          assertThat(string(p, "backend", "service", "name")).isEqualTo("firebell-console");
          routed.put(string(p, "path"), string(p, "pathType"));
        }
      }
    }
    return routed;
  }

  @Test
  void withoutAnIdentityProviderTheServicesTrustTheConsolesKeySet() {
    for (List<Map<String, Object>> docs : List.of(Renders.k8s(), Renders.helm(null))) {
      assertThat(
              string(
                  find(docs, "ConfigMap", "firebell-config"),
                  "data",
                  "MP_JWT_VERIFY_PUBLICKEY_LOCATION"))
          .isEqualTo("http://firebell-console:8080/.well-known/jwks.json");
      assertThat(
              list(at(find(docs, "Service", "firebell-console"), "spec", "ports")).stream()
                  .map(p -> string(p, "port")))
          .containsExactly("8080");
    }
    // With the identity provider's key set, the services trust it, and the console's is not
    // opened to them.
    List<Map<String, Object>> oidc = Renders.helm(CONSOLE_OIDC_VALUES);
    assertThat(
            string(
                find(oidc, "ConfigMap", "firebell-config"),
                "data",
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION"))
        .isEqualTo("https://login.example.com/realms/firebell/protocol/openid-connect/certs");
    assertThat(ofKind(oidc, "NetworkPolicy"))
        .extracting(YamlDocs::name)
        .doesNotContain("firebell-console-allow-jwks-from-services");
  }

  @Test
  void theConsoleSignsWithTheMountedKeyAndSetsASecureCookie() {
    for (List<Map<String, Object>> docs : List.of(Renders.k8s(), Renders.helm(null))) {
      Map<String, Object> console = find(docs, "Deployment", "firebell-console");
      Map<String, Object> container =
          map(list(at(console, "spec", "template", "spec", "containers")).get(0));
      Map<String, String> env = env(docs, container);

      assertThat(env)
          .containsEntry(
              "FIREBELL_CONSOLE_SIGNING_KEY", "/etc/firebell/console-key/signing-key.pem")
          .containsEntry("FIREBELL_CONSOLE_COOKIE_SECURE", "true")
          .containsEntry("FIREBELL_CONSOLE_OIDC_ENABLED", "false")
          .containsEntry(
              "FIREBELL_CONSOLE_STATUS_PAGE_URL", "https://status.firebell.example.com/status");
      assertThat(mountedSecret(console, container, "/etc/firebell/console-key"))
          .isEqualTo("firebell-console-signing-key");
      assertThat(ManifestChecker.declaredExternal(console))
          .containsExactlyInAnyOrder(
              "firebell-console-db-credentials", "firebell-console-signing-key");
      assertThat(
              ofKind(docs, "Ingress").stream()
                  .flatMap(i -> list(at(i, "spec", "rules")).stream())
                  .map(r -> string(r, "host")))
          .contains("console.firebell.example.com");
    }
    // k8s/ mounts the optional bootstrap accounts Secret (a missing file creates nothing); the
    // chart only when console.bootstrapAccounts names one.
    Map<String, Object> k8sConsole = find(Renders.k8s(), "Deployment", "firebell-console");
    assertThat(
            list(at(k8sConsole, "spec", "template", "spec", "volumes")).stream()
                .map(v -> map(map(v).get("secret")))
                .filter(s -> "firebell-console-accounts".equals(s.get("secretName"))))
        .singleElement()
        .satisfies(s -> assertThat(s.get("optional")).isEqualTo(true));
  }

  @Test
  void companySignInIsWiredWhenItIsOn() {
    List<Map<String, Object>> docs = Renders.helm(CONSOLE_OIDC_VALUES);
    Map<String, Object> console = find(docs, "Deployment", "firebell-console");
    Map<String, Object> container =
        map(list(at(console, "spec", "template", "spec", "containers")).get(0));
    Map<String, String> env = env(docs, container);

    assertThat(new ManifestChecker(ManifestChecker.Expectations.firebell()).check(docs)).isEmpty();
    assertThat(env)
        .containsEntry("FIREBELL_CONSOLE_OIDC_ENABLED", "true")
        .containsEntry("QUARKUS_OIDC_AUTH_SERVER_URL", "https://login.example.com/realms/firebell")
        .containsEntry("QUARKUS_OIDC_CLIENT_ID", "firebell-console")
        .containsEntry("QUARKUS_OIDC_AUTHENTICATION_FORCE_REDIRECT_HTTPS_SCHEME", "true")
        .containsEntry(
            "FIREBELL_CONSOLE_BOOTSTRAP_ACCOUNTS", "/etc/firebell/console-accounts/accounts.tsv");
    assertThat(
            list(container.get("env")).stream()
                .filter(e -> "QUARKUS_OIDC_CREDENTIALS_SECRET".equals(string(e, "name")))
                .map(e -> string(e, "valueFrom", "secretKeyRef", "name")))
        .containsExactly("firebell-console-oidc");
    assertThat(ManifestChecker.declaredExternal(console))
        .containsExactlyInAnyOrder(
            "firebell-console-db-credentials",
            "firebell-console-signing-key",
            "firebell-console-oidc",
            "firebell-console-accounts");
    // Its egress reaches the identity provider on HTTPS; without OIDC it does not.
    assertThat(egressPorts(docs)).contains("443");
    assertThat(egressPorts(Renders.helm(null))).doesNotContain("443");
    assertThat(egressPorts(Renders.k8s())).doesNotContain("443");
  }

  private static List<String> egressPorts(List<Map<String, Object>> docs) {
    return list(at(find(docs, "NetworkPolicy", "firebell-console-egress"), "spec", "egress"))
        .stream()
        .flatMap(r -> list(map(r).get("ports")).stream())
        .map(p -> string(p, "port"))
        .toList();
  }

  private static Map<String, String> env(
      List<Map<String, Object>> docs, Map<String, Object> container) {
    return ManifestChecker.envValues(new ManifestChecker.Rendering(docs), container);
  }

  private static String mountedSecret(
      Map<String, Object> deployment, Map<String, Object> container, String mountPath) {
    String volume =
        list(container.get("volumeMounts")).stream()
            .filter(m -> mountPath.equals(string(m, "mountPath")))
            .map(m -> string(m, "name"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("nothing mounted at " + mountPath));
    return list(at(deployment, "spec", "template", "spec", "volumes")).stream()
        .filter(v -> volume.equals(string(v, "name")))
        .map(v -> string(v, "secret", "secretName"))
        .findFirst()
        .orElseThrow();
  }

  private static Map<String, Map<String, Object>> byKindAndName(List<Map<String, Object>> docs) {
    return docs.stream()
        .map(ConsoleDeployTest::portsByName)
        .collect(
            Collectors.toMap(d -> YamlDocs.kind(d) + "/" + YamlDocs.name(d), Function.identity()));
  }

  /** A copy of a document whose every {@code ports} list is sorted by port name. */
  @SuppressWarnings("unchecked")
  private static <T> T portsByName(T node) {
    if (node instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach(
          (k, v) -> {
            Object value = portsByName(v);
            if ("ports".equals(k) && value instanceof List<?> ports) {
              value =
                  ports.stream()
                      .sorted(Comparator.comparing(p -> String.valueOf(map(p).get("name"))))
                      .toList();
            }
            copy.put(String.valueOf(k), value);
          });
      return (T) copy;
    }
    if (node instanceof List<?> l) {
      return (T) l.stream().map(ConsoleDeployTest::portsByName).toList();
    }
    return node;
  }
}
