package io.firebell.deploy;

import static io.firebell.deploy.YamlDocs.at;
import static io.firebell.deploy.YamlDocs.kind;
import static io.firebell.deploy.YamlDocs.list;
import static io.firebell.deploy.YamlDocs.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checks can fail: each case takes a rendering that passes (the chart's and k8s/'s), removes or
 * weakens one thing in its YAML, and expects the checker to name it.
 */
class ManifestCheckerTest {

  private static final ManifestChecker CHECKER =
      new ManifestChecker(ManifestChecker.Expectations.firebell());
  private static List<Map<String, Object>> helm;
  private static List<Map<String, Object>> k8s;

  @BeforeAll
  static void render() {
    helm = Renders.helm(null);
    k8s = Renders.k8s();
  }

  @Test
  void theUnmutatedRenderingsPass() {
    assertThat(CHECKER.check(helm)).isEmpty();
    assertThat(CHECKER.check(k8s)).isEmpty();
  }

  record Mutation(String description, Consumer<List<Map<String, Object>>> change, String expected) {
    @Override
    public String toString() {
      return description;
    }
  }

  static Stream<Arguments> mutations() {
    List<Mutation> mutations =
        List.of(
            new Mutation(
                "remove the liveness probe",
                docs -> container(docs).remove("livenessProbe"),
                "no livenessProbe"),
            new Mutation(
                "remove the readiness probe",
                docs -> container(docs).remove("readinessProbe"),
                "no readinessProbe"),
            new Mutation(
                "remove the startup probe",
                docs -> container(docs).remove("startupProbe"),
                "no startupProbe"),
            new Mutation(
                "move the liveness probe off /q/health/live",
                docs -> map(at(container(docs), "livenessProbe", "httpGet")).put("path", "/"),
                "livenessProbe is on /, not /q/health/live"),
            new Mutation(
                "move the readiness probe back to the http port",
                docs ->
                    map(at(container(docs), "readinessProbe", "httpGet"))
                        .put("port", port(container(docs), "http").get("containerPort")),
                "readinessProbe targets port 8081, not probe"),
            new Mutation(
                "name the http port in the startup probe",
                docs -> map(at(container(docs), "startupProbe", "httpGet")).put("port", "http"),
                "startupProbe targets port http, not probe"),
            new Mutation(
                "drop FIREBELL_PROBE_PORT",
                docs ->
                    list(container(docs).get("env"))
                        .removeIf(e -> "FIREBELL_PROBE_PORT".equals(map(e).get("name"))),
                "FIREBELL_PROBE_PORT is not set"),
            new Mutation(
                "FIREBELL_PROBE_PORT differs from the probe container port",
                docs ->
                    list(container(docs).get("env")).stream()
                        .map(YamlDocs::map)
                        .filter(e -> "FIREBELL_PROBE_PORT".equals(e.get("name")))
                        .forEach(e -> e.put("value", "9001")),
                "FIREBELL_PROBE_PORT is 9001, not the containerPort of port probe (9000)"),
            new Mutation(
                "move the probe container port away from FIREBELL_PROBE_PORT",
                docs -> port(container(docs), "probe").put("containerPort", 9100),
                "FIREBELL_PROBE_PORT is 9000, not the containerPort of port probe (9100)"),
            new Mutation(
                "remove the probe container port",
                docs ->
                    list(container(docs).get("ports"))
                        .removeIf(p -> "probe".equals(map(p).get("name"))),
                "no container port named probe"),
            new Mutation(
                "expose the probe port on detection-service's Service",
                docs ->
                    list(at(detectionService(docs), "spec", "ports"))
                        .add(yaml("{name: probe, port: 9000, protocol: TCP, targetPort: probe}")),
                "Service firebell-detection-service: exposes port probe"),
            new Mutation(
                "move the console's liveness probe to a probe port",
                docs -> {
                  list(consoleContainer(docs).get("ports"))
                      .add(yaml("{name: probe, containerPort: 9000, protocol: TCP}"));
                  map(at(consoleContainer(docs), "livenessProbe", "httpGet")).put("port", 9000);
                },
                "livenessProbe targets port 9000, not http"),
            new Mutation(
                "remove the memory limit",
                docs -> map(at(container(docs), "resources", "limits")).remove("memory"),
                "no resources.limits.memory"),
            new Mutation(
                "remove the CPU request",
                docs -> map(at(container(docs), "resources", "requests")).remove("cpu"),
                "no resources.requests.cpu"),
            new Mutation(
                "allow writes to the root filesystem",
                docs -> containerSecurity(docs).put("readOnlyRootFilesystem", false),
                "no readOnlyRootFilesystem"),
            new Mutation(
                "keep the capabilities",
                docs -> containerSecurity(docs).remove("capabilities"),
                "capabilities do not drop ALL"),
            new Mutation(
                "allow privilege escalation",
                docs -> containerSecurity(docs).remove("allowPrivilegeEscalation"),
                "allowPrivilegeEscalation is not false"),
            new Mutation(
                "remove the seccomp profile",
                docs -> {
                  containerSecurity(docs).remove("seccompProfile");
                  podSecurity(docs).remove("seccompProfile");
                },
                "seccompProfile is not RuntimeDefault"),
            new Mutation(
                "let it run as root",
                docs -> {
                  containerSecurity(docs).remove("runAsNonRoot");
                  podSecurity(docs).remove("runAsNonRoot");
                },
                "not runAsNonRoot"),
            new Mutation(
                "drop the /tmp emptyDir",
                docs ->
                    list(pod(docs).get("volumes")).removeIf(v -> "tmp".equals(map(v).get("name"))),
                "/tmp is not a writable emptyDir"),
            new Mutation(
                "remove the part-of label",
                docs ->
                    map(at(detection(docs), "metadata", "labels"))
                        .remove("app.kubernetes.io/part-of"),
                "no label app.kubernetes.io/part-of"),
            new Mutation(
                "mount the ServiceAccount token",
                docs -> {
                  pod(docs).put("automountServiceAccountToken", true);
                },
                "the ServiceAccount token is mounted"),
            new Mutation(
                "remove the PodDisruptionBudgets",
                docs -> docs.removeIf(d -> "PodDisruptionBudget".equals(kind(d))),
                "no PodDisruptionBudget selects its pods"),
            new Mutation(
                "remove the HorizontalPodAutoscaler",
                docs -> docs.removeIf(d -> "HorizontalPodAutoscaler".equals(kind(d))),
                "no HorizontalPodAutoscaler scales it"),
            new Mutation(
                "remove the NetworkPolicies",
                docs -> docs.removeIf(d -> "NetworkPolicy".equals(kind(d))),
                "no NetworkPolicy restricts ingress to its pods"),
            new Mutation(
                "open a NetworkPolicy to anyone",
                docs ->
                    docs.stream()
                        .filter(d -> "NetworkPolicy".equals(kind(d)))
                        .flatMap(d -> list(at(d, "spec", "ingress")).stream())
                        .forEach(rule -> map(rule).remove("from")),
                "admits ingress from anywhere"),
            new Mutation(
                "point a Service at no pods",
                docs ->
                    docs.stream()
                        .filter(d -> "Service".equals(kind(d)))
                        .forEach(
                            s ->
                                map(at(s, "spec", "selector"))
                                    .put("app.kubernetes.io/name", "nobody")),
                "selects no Deployment's pods"),
            new Mutation(
                "let detection-service's Service select a second Deployment's pods too",
                docs ->
                    map(at(incident(docs), "spec", "template", "metadata", "labels"))
                        .putAll(map(at(detectionService(docs), "spec", "selector"))),
                "selects the pods of 2 Deployments"),
            new Mutation(
                "remove the shared ConfigMap",
                docs ->
                    docs.removeIf(
                        d -> "ConfigMap".equals(kind(d)) && YamlDocs.name(d).endsWith("-config")),
                "is neither in the rendering nor declared external"),
            new Mutation(
                "drop the Kafka bootstrap servers from the shared ConfigMap",
                docs ->
                    docs.stream()
                        .filter(
                            d ->
                                "ConfigMap".equals(kind(d)) && YamlDocs.name(d).endsWith("-config"))
                        .forEach(cm -> map(cm.get("data")).remove("KAFKA_BOOTSTRAP_SERVERS")),
                "KAFKA_BOOTSTRAP_SERVERS is not set"),
            new Mutation(
                "forget to declare the credentials Secret external",
                docs ->
                    map(at(detection(docs), "metadata", "annotations"))
                        .remove(ManifestChecker.EXTERNAL_SECRETS),
                "Secret firebell-detection-db-credentials is neither in the rendering"),
            new Mutation(
                "remove the console's readiness probe",
                docs -> consoleContainer(docs).remove("readinessProbe"),
                "no readinessProbe"),
            new Mutation(
                "remove the console's PodDisruptionBudget",
                docs -> docs.removeIf(d -> named(d, "PodDisruptionBudget", "firebell-console")),
                "Deployment firebell-console: no PodDisruptionBudget selects its pods"),
            new Mutation(
                "forget to declare the console's signing key Secret external",
                docs ->
                    map(at(console(docs), "metadata", "annotations"))
                        .put(ManifestChecker.EXTERNAL_SECRETS, "firebell-console-db-credentials"),
                "Secret firebell-console-signing-key is neither in the rendering"),
            new Mutation(
                "forget the console's signing key setting",
                docs ->
                    list(consoleContainer(docs).get("env"))
                        .removeIf(e -> "FIREBELL_CONSOLE_SIGNING_KEY".equals(map(e).get("name"))),
                "FIREBELL_CONSOLE_SIGNING_KEY is not set"),
            new Mutation(
                "open the console's egress",
                docs -> docs.removeIf(d -> named(d, "NetworkPolicy", "firebell-console-egress")),
                "Deployment firebell-console: no NetworkPolicy restricts its egress"),
            new Mutation(
                "let the console's egress go anywhere",
                docs -> consoleEgress(docs).forEach(rule -> map(rule).remove("to")),
                "Deployment firebell-console: NetworkPolicy firebell-console-egress admits egress"
                    + " to anywhere"),
            new Mutation(
                "leave DNS out of the console's egress",
                docs ->
                    consoleEgress(docs)
                        .removeIf(
                            rule ->
                                list(map(rule).get("ports")).stream()
                                    .anyMatch(
                                        p -> "53".equals(String.valueOf(map(p).get("port"))))),
                "Deployment firebell-console: its egress does not admit DNS"),
            new Mutation(
                "leave PostgreSQL out of the console's egress",
                docs ->
                    consoleEgress(docs)
                        .removeIf(
                            rule ->
                                list(map(rule).get("ports")).stream()
                                    .anyMatch(
                                        p -> "5432".equals(String.valueOf(map(p).get("port"))))),
                "Deployment firebell-console: its egress does not admit its database (port 5432)"),
            new Mutation(
                "leave the services out of the console's egress",
                docs -> consoleEgress(docs).remove(0),
                "Deployment firebell-console: its egress does not admit Deployment"
                    + " firebell-incident-service's HTTP port"),
            new Mutation(
                "close the services to the console",
                docs ->
                    docs.removeIf(
                        d -> named(d, "NetworkPolicy", "firebell-allow-http-from-console")),
                "Deployment firebell-review-service: its NetworkPolicies do not admit Deployment"
                    + " firebell-console"),
            new Mutation(
                "close the console's key set to the services",
                docs ->
                    docs.removeIf(
                        d ->
                            "NetworkPolicy".equals(kind(d))
                                && YamlDocs.name(d).endsWith("allow-jwks-from-services")),
                "Deployment firebell-console: its NetworkPolicies do not admit Deployment"
                    + " firebell-detection-service to its HTTP port (the key set"),
            new Mutation(
                "point the console at another port of incident-service",
                docs ->
                    map(find(docs, "ConfigMap", "firebell-console-config").get("data"))
                        .put(
                            "FIREBELL_CONSOLE_INCIDENT_URL",
                            "http://firebell-incident-service:8080"),
                "FIREBELL_CONSOLE_INCIDENT_URL http://firebell-incident-service:8080 is not a"
                    + " Service of Deployment firebell-incident-service"),
            new Mutation(
                "point the services at a key set no Service serves",
                docs ->
                    map(find(docs, "ConfigMap", "firebell-config").get("data"))
                        .put(
                            "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                            "http://firebell-konsole:8080/.well-known/jwks.json"),
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION http://firebell-konsole:8080/.well-known/jwks.json"
                    + " names no rendered Service"),
            new Mutation(
                "turn company sign-in on without the identity provider's settings",
                docs ->
                    map(find(docs, "ConfigMap", "firebell-console-config").get("data"))
                        .put("FIREBELL_CONSOLE_OIDC_ENABLED", "true"),
                "OpenID Connect is on but QUARKUS_OIDC_AUTH_SERVER_URL is not set"));
    List<Arguments> cases = new ArrayList<>();
    for (Mutation m : mutations) {
      cases.add(Arguments.of("helm", m));
      cases.add(Arguments.of("k8s", m));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("mutations")
  void reportsTheMutation(String source, Mutation mutation) {
    List<Map<String, Object>> docs = YamlDocs.copy("helm".equals(source) ? helm : k8s);
    docs = new ArrayList<>(docs);
    mutation.change().accept(docs);
    // The checker is fed the mutated manifest as YAML text, as it would read a file.
    List<Map<String, Object>> mutated = YamlDocs.documents(YamlDocs.dump(docs));

    List<String> violations = CHECKER.check(mutated);

    assertThat(violations).anySatisfy(v -> assertThat(v).contains(mutation.expected()));
  }

  private static Map<String, Object> detection(List<Map<String, Object>> docs) {
    return docs.stream()
        .filter(d -> "Deployment".equals(kind(d)))
        .filter(
            d ->
                "detection"
                    .equals(
                        YamlDocs.string(d, "metadata", "labels", "app.kubernetes.io/component")))
        .findFirst()
        .orElseThrow();
  }

  private static Map<String, Object> incident(List<Map<String, Object>> docs) {
    return docs.stream()
        .filter(d -> "Deployment".equals(kind(d)))
        .filter(
            d ->
                "incident"
                    .equals(
                        YamlDocs.string(d, "metadata", "labels", "app.kubernetes.io/component")))
        .findFirst()
        .orElseThrow();
  }

  private static Map<String, Object> detectionService(List<Map<String, Object>> docs) {
    return docs.stream()
        .filter(d -> "Service".equals(kind(d)))
        .filter(d -> YamlDocs.name(d).endsWith("-detection-service"))
        .findFirst()
        .orElseThrow();
  }

  private static boolean named(Map<String, Object> d, String kind, String name) {
    return kind.equals(kind(d)) && name.equals(YamlDocs.name(d));
  }

  private static Map<String, Object> find(
      List<Map<String, Object>> docs, String kind, String name) {
    return docs.stream().filter(d -> named(d, kind, name)).findFirst().orElseThrow();
  }

  private static Map<String, Object> console(List<Map<String, Object>> docs) {
    return find(docs, "Deployment", "firebell-console");
  }

  private static Map<String, Object> consoleContainer(List<Map<String, Object>> docs) {
    return map(list(at(console(docs), "spec", "template", "spec", "containers")).get(0));
  }

  private static List<Object> consoleEgress(List<Map<String, Object>> docs) {
    return list(at(find(docs, "NetworkPolicy", "firebell-console-egress"), "spec", "egress"));
  }

  private static Map<String, Object> pod(List<Map<String, Object>> docs) {
    return map(at(detection(docs), "spec", "template", "spec"));
  }

  private static Map<String, Object> podSecurity(List<Map<String, Object>> docs) {
    return map(pod(docs).get("securityContext"));
  }

  private static Map<String, Object> container(List<Map<String, Object>> docs) {
    return map(list(pod(docs).get("containers")).get(0));
  }

  private static Map<String, Object> yaml(String object) {
    return YamlDocs.documents(object).get(0);
  }

  private static Map<String, Object> port(Map<String, Object> container, String name) {
    return list(container.get("ports")).stream()
        .map(YamlDocs::map)
        .filter(p -> name.equals(p.get("name")))
        .findFirst()
        .orElseThrow();
  }

  private static Map<String, Object> containerSecurity(List<Map<String, Object>> docs) {
    return map(container(docs).get("securityContext"));
  }
}
