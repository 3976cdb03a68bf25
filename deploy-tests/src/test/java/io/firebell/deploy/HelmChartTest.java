package io.firebell.deploy;

import static io.firebell.deploy.Renders.CHART;
import static io.firebell.deploy.Renders.CONSOLE_OIDC_VALUES;
import static io.firebell.deploy.Renders.DETECTION_WORKER_VALUES;
import static io.firebell.deploy.Renders.GROUPING_ENABLED;
import static io.firebell.deploy.Renders.ROOT;
import static io.firebell.deploy.Renders.STRIMZI_CNPG_VALUES;
import static io.firebell.deploy.Renders.find;
import static io.firebell.deploy.Renders.ofKind;
import static io.firebell.deploy.YamlDocs.at;
import static io.firebell.deploy.YamlDocs.map;
import static io.firebell.deploy.YamlDocs.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.firebell.contracts.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** helm lint and helm template of helm/firebell, through the Helm embedded by helm-java. */
class HelmChartTest {

  private final ManifestChecker checker =
      new ManifestChecker(ManifestChecker.Expectations.firebell());

  @Test
  void lintsWithDefaultValues() {
    LintResult result = new Helm(CHART).lint().strict().call();
    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  @Test
  void lintsWithStrimziAndCloudNativePgValues(@TempDir Path tmp) throws IOException {
    LintResult result = lintWith(STRIMZI_CNPG_VALUES, tmp);

    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  @Test
  void lintsWithTheConsoleOidcValues(@TempDir Path tmp) throws IOException {
    LintResult result = lintWith(CONSOLE_OIDC_VALUES, tmp);

    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  @Test
  void lintsWithTheDetectionWorkerValues(@TempDir Path tmp) throws IOException {
    LintResult result = lintWith(DETECTION_WORKER_VALUES, tmp);

    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  /** helm-java's lint takes no values file, so lint a copy whose values.yaml has them merged in. */
  private static LintResult lintWith(Path valuesFile, Path tmp) throws IOException {
    Path chart = tmp.resolve("firebell");
    Renders.copyTree(CHART, chart);
    Map<String, Object> values =
        map(YamlDocs.document(Files.readString(CHART.resolve("values.yaml"))));
    merge(values, map(YamlDocs.document(Files.readString(valuesFile))));
    Files.writeString(chart.resolve("values.yaml"), YamlDocs.dump(List.of(values)));
    return new Helm(chart).lint().strict().call();
  }

  @Test
  void defaultValuesRenderAChartThatPassesTheChecks() {
    List<Map<String, Object>> docs = Renders.helm(null);

    assertThat(checker.check(docs)).isEmpty();
    assertThat(ofKind(docs, "KafkaTopic")).isEmpty();
    assertThat(ofKind(docs, "Cluster")).isEmpty();
    // External PostgreSQL: the services need the credential Secrets the user creates.
    assertThat(externalSecrets(docs))
        .containsExactlyInAnyOrder(
            "firebell-detection-db-credentials",
            "firebell-incident-db-credentials",
            "firebell-broadcast-db-credentials",
            "firebell-review-db-credentials",
            "firebell-console-db-credentials",
            "firebell-console-signing-key",
            "firebell-secrets");
    assertThat(
            string(find(docs, "ConfigMap", "firebell-config"), "data", "KAFKA_BOOTSTRAP_SERVERS"))
        .isEqualTo("kafka-kafka-bootstrap.kafka.svc:9092");
    assertThat(ofKind(docs, "Ingress")).hasSize(1);
    // No identity provider configured: the services verify the console's tokens by its key set.
    assertThat(
            string(
                find(docs, "ConfigMap", "firebell-config"),
                "data",
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION"))
        .isEqualTo("http://firebell-console:8080/.well-known/jwks.json");
  }

  @Test
  void strimziAndCloudNativePgValuesRenderAChartThatPassesTheChecks() {
    List<Map<String, Object>> docs = Renders.helm(STRIMZI_CNPG_VALUES);

    assertThat(checker.check(docs)).isEmpty();
    assertThat(ofKind(docs, "Kafka")).hasSize(1);
    assertThat(ofKind(docs, "KafkaNodePool")).hasSize(1);
    assertThat(ofKind(docs, "Cluster"))
        .extracting(YamlDocs::name)
        .containsExactlyInAnyOrder(
            "firebell-detection-db",
            "firebell-incident-db",
            "firebell-broadcast-db",
            "firebell-review-db",
            "firebell-console-db");
    // The CloudNativePG operator creates <cluster>-app; nothing else is external.
    assertThat(externalSecrets(docs))
        .containsExactlyInAnyOrder(
            "firebell-detection-db-app",
            "firebell-incident-db-app",
            "firebell-broadcast-db-app",
            "firebell-review-db-app",
            "firebell-console-db-app",
            "firebell-console-signing-key",
            "firebell-secrets");
    Map<String, Object> config = find(docs, "ConfigMap", "firebell-config");
    assertThat(string(config, "data", "KAFKA_BOOTSTRAP_SERVERS"))
        .isEqualTo("firebell-kafka-kafka-bootstrap:9092");
    assertThat(string(config, "data", "MP_JWT_VERIFY_PUBLICKEY_LOCATION"))
        .isEqualTo("/etc/firebell/jwt/public-key.pem");
    assertThat(
            string(
                find(docs, "ConfigMap", "firebell-detection-db"),
                "data",
                "QUARKUS_DATASOURCE_JDBC_URL"))
        .isEqualTo("jdbc:postgresql://firebell-detection-db-rw:5432/firebell_detection");
  }

  @Test
  void byDefaultDetectionServiceGroupsAndThereIsNoWorker() {
    List<Map<String, Object>> docs = Renders.helm(null);

    assertThat(docs)
        .extracting(YamlDocs::name)
        .noneMatch(n -> n.startsWith("firebell-detection-worker"));
    assertThat(Renders.env(find(docs, "Deployment", "firebell-detection-service")))
        .doesNotContainKey(GROUPING_ENABLED);
  }

  @Test
  void theDetectionWorkerValuesRenderAChartThatPassesTheChecks() {
    List<Map<String, Object>> docs = Renders.helm(DETECTION_WORKER_VALUES);

    assertThat(
            new ManifestChecker(ManifestChecker.Expectations.firebell().withDetectionWorker())
                .check(docs))
        .isEmpty();
    // Checked as the four services only, the one thing out of place is the worker's Deployment.
    assertThat(checker.check(docs))
        .singleElement()
        .asString()
        .startsWith(
            "Deployments for components [broadcast, console, detection, detection-worker, incident,"
                + " review]");
  }

  @Test
  void theDetectionWorkerGroupsAndDetectionServiceOnlyAcknowledges() {
    List<Map<String, Object>> docs = Renders.helm(DETECTION_WORKER_VALUES);
    Map<String, Object> service = find(docs, "Deployment", "firebell-detection-service");
    Map<String, Object> worker = find(docs, "Deployment", "firebell-detection-worker");

    assertThat(Renders.env(service)).containsEntry(GROUPING_ENABLED, "false");
    assertThat(Renders.env(worker)).containsEntry(GROUPING_ENABLED, "true");
    assertThat(string(worker, "spec", "replicas")).isEqualTo("3");
    assertThat(string(worker, "metadata", "labels", "app.kubernetes.io/component"))
        .isEqualTo("detection-worker");
    // The same pod as detection-service's (image, ConfigMaps, Secret, env, probes, security
    // context), but for the container's name, the switch and the worker's own resources.
    Map<String, Object> workerPod = Renders.podSpecApartFromRole(worker);
    Map<String, Object> servicePod = Renders.podSpecApartFromRole(service);
    List<Object> workerContainers = YamlDocs.list(workerPod.get("containers"));
    assertThat(string(workerContainers.get(0), "resources", "limits", "memory")).isEqualTo("1Gi");
    workerContainers.forEach(c -> map(c).remove("resources"));
    YamlDocs.list(servicePod.get("containers")).forEach(c -> map(c).remove("resources"));
    assertThat(workerPod).isEqualTo(servicePod);
    assertThat(
            map(at(worker, "spec", "template", "metadata", "annotations")).get("checksum/config"))
        .isEqualTo(
            map(at(service, "spec", "template", "metadata", "annotations")).get("checksum/config"));
  }

  @Test
  void noIngressTrafficReachesTheDetectionWorker() {
    List<Map<String, Object>> docs = Renders.helm(DETECTION_WORKER_VALUES);
    Map<String, Object> worker = find(docs, "Deployment", "firebell-detection-worker");
    Map<String, Object> podLabels = map(at(worker, "spec", "template", "metadata", "labels"));

    assertThat(Renders.selects(find(docs, "Service", "firebell-detection-service"), worker))
        .isFalse();
    assertThat(
            Renders.selects(
                find(docs, "Service", "firebell-detection-service"),
                find(docs, "Deployment", "firebell-detection-service")))
        .isTrue();
    // Its only Service is the headless one its ServiceMonitor needs, and no Ingress routes to it.
    assertThat(ofKind(docs, "Service"))
        .filteredOn(s -> Renders.selects(s, worker))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(YamlDocs.name(s)).isEqualTo("firebell-detection-worker");
              assertThat(string(s, "spec", "clusterIP")).isEqualTo("None");
            });
    assertThat(
            ofKind(docs, "Ingress").stream()
                .flatMap(i -> YamlDocs.list(at(i, "spec", "rules")).stream())
                .flatMap(r -> YamlDocs.list(at(r, "http", "paths")).stream())
                .map(p -> string(p, "backend", "service", "name")))
        .doesNotContain("firebell-detection-worker");
    // Only the monitoring namespace reaches it; the ingress controller's policy leaves it out.
    assertThat(
            ofKind(docs, "NetworkPolicy").stream()
                .filter(p -> !YamlDocs.list(at(p, "spec", "ingress")).isEmpty())
                .filter(p -> Selectors.matches(map(at(p, "spec", "podSelector")), podLabels))
                .map(YamlDocs::name))
        .containsExactly("firebell-detection-worker-allow-metrics");
    assertThat(
            Selectors.matches(
                map(
                    at(
                        find(docs, "NetworkPolicy", "firebell-allow-http-from-ingress"),
                        "spec",
                        "podSelector")),
                map(
                    at(
                        find(docs, "Deployment", "firebell-detection-service"),
                        "spec",
                        "template",
                        "metadata",
                        "labels"))))
        .isTrue();
    assertThat(ofKind(docs, "ServiceMonitor"))
        .extracting(YamlDocs::name)
        .contains("firebell-detection-worker");
    assertThat(ofKind(docs, "HorizontalPodAutoscaler"))
        .extracting(h -> string(h, "spec", "scaleTargetRef", "name"))
        .containsExactly("firebell-detection-service");
  }

  @Test
  void kafkaTopicsAreTheContractsTopicsWithTheSettingsOfTopicsTsv() throws IOException {
    List<Map<String, Object>> topics = ofKind(Renders.helm(STRIMZI_CNPG_VALUES), "KafkaTopic");

    assertThat(topics)
        .extracting(t -> string(t, "spec", "topicName"))
        .containsExactlyElementsOf(Topics.ALL);
    Map<String, String[]> tsv =
        Files.readString(ROOT.resolve("config/topics.tsv"))
            .lines()
            .filter(l -> !l.isBlank() && !l.startsWith("#"))
            .map(l -> l.split("\t"))
            .collect(Collectors.toMap(f -> f[0], f -> f, (a, b) -> a, LinkedHashMap::new));
    for (Map<String, Object> topic : topics) {
      String[] row = tsv.get(string(topic, "spec", "topicName"));
      assertThat(string(topic, "spec", "partitions")).isEqualTo(row[1]);
      assertThat(string(topic, "spec", "config", "retention.ms")).isEqualTo(row[3]);
      assertThat(string(topic, "spec", "config", "max.message.bytes")).isEqualTo(row[4]);
      assertThat(string(topic, "metadata", "labels", "strimzi.io/cluster"))
          .isEqualTo("firebell-kafka");
    }
  }

  @Test
  void theChartsTopicsFileIsConfigTopicsTsv() throws IOException {
    String source = Files.readString(ROOT.resolve("config/topics.tsv"));

    assertThat(Files.readString(CHART.resolve("files/topics.tsv")))
        .as(
            "helm/firebell/files/topics.tsv must be a copy of config/topics.tsv: cp config/topics.tsv helm/firebell/files/")
        .isEqualTo(source);
    assertThat(Renders.topicNames(source)).containsExactlyElementsOf(Topics.ALL);
  }

  @Test
  void detectionServiceAnswersAlertmanagerOnItsPort() {
    Map<String, Object> service = find(Renders.helm(null), "Service", "firebell-detection-service");

    assertThat(YamlDocs.list(at(service, "spec", "ports")))
        .extracting(p -> string(p, "port"))
        .containsExactly("8081");
  }

  @Test
  void theServicesAndTheWorkerAreProbedOnTheirPortProbeAtProbePort(@TempDir Path tmp)
      throws IOException {
    Path values = tmp.resolve("probe-port.yaml");
    Files.writeString(
        values, "probePort: 9100\nservices:\n  detection:\n    worker:\n      enabled: true\n");
    List<Map<String, Object>> docs = Renders.helm(values);

    for (Map<String, Object> d : ofKind(docs, "Deployment")) {
      Map<String, Object> container =
          YamlDocs.map(YamlDocs.list(at(d, "spec", "template", "spec", "containers")).get(0));
      boolean console =
          "console".equals(string(d, "metadata", "labels", "app.kubernetes.io/component"));
      for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
        assertThat(string(container, probe, "httpGet", "port"))
            .as(YamlDocs.name(d) + " " + probe)
            .isEqualTo(console ? "http" : "probe");
      }
      if (!console) {
        assertThat(Renders.env(d))
            .as(YamlDocs.name(d))
            .containsEntry("FIREBELL_PROBE_PORT", "9100");
        assertThat(YamlDocs.list(container.get("ports")))
            .as(YamlDocs.name(d))
            .anySatisfy(
                p -> {
                  assertThat(string(p, "name")).isEqualTo("probe");
                  assertThat(string(p, "containerPort")).isEqualTo("9100");
                });
      }
    }
    assertThat(ofKind(docs, "Deployment")).hasSize(6);
    assertThat(
            new ManifestChecker(ManifestChecker.Expectations.firebell().withDetectionWorker())
                .check(docs))
        .isEmpty();
  }

  @Test
  void refusesToRenderTheConsoleWithoutItsSigningKey(@TempDir Path tmp) throws IOException {
    Path values = tmp.resolve("no-key.yaml");
    Files.writeString(values, "console:\n  signingKey:\n    existingSecret: \"\"\n");

    assertThatThrownBy(() -> Renders.helmTemplate(values))
        .hasMessageContaining("console.signingKey.existingSecret is required");
  }

  @Test
  void everyServiceReadsTheSecretsKeyFromTheSecretAndTheChartRefusesToRenderWithoutIt(
      @TempDir Path tmp) throws IOException {
    for (Map<String, Object> d : ofKind(Renders.helm(null), "Deployment")) {
      if ("console".equals(string(d, "metadata", "labels", "app.kubernetes.io/component"))) {
        continue;
      }
      Map<String, Object> container =
          YamlDocs.map(YamlDocs.list(at(d, "spec", "template", "spec", "containers")).get(0));
      assertThat(YamlDocs.list(container.get("env")))
          .as(YamlDocs.name(d))
          .anySatisfy(
              e -> {
                assertThat(string(e, "name")).isEqualTo("FIREBELL_SECRETS_KEYS");
                assertThat(string(e, "valueFrom", "secretKeyRef", "name"))
                    .isEqualTo("firebell-secrets");
                assertThat(string(e, "valueFrom", "secretKeyRef", "key")).isEqualTo("keys");
              });
    }
    Path values = tmp.resolve("no-secrets-key.yaml");
    Files.writeString(values, "secretsKey:\n  existingSecret: \"\"\n");
    assertThatThrownBy(() -> Renders.helmTemplate(values))
        .hasMessageContaining("secretsKey.existingSecret is required");
  }

  @Test
  void refusesCompanySignInWithoutItsClientSecret(@TempDir Path tmp) throws IOException {
    Path values = tmp.resolve("oidc-without-secret.yaml");
    Files.writeString(
        values,
        "console:\n  oidc:\n    enabled: true\n    authServerUrl: https://login.example.com\n"
            + "    clientId: firebell-console\n");

    assertThatThrownBy(() -> Renders.helmTemplate(values))
        .hasMessageContaining("console.oidc.existingSecret is required");
  }

  private static Set<String> externalSecrets(List<Map<String, Object>> docs) {
    return ofKind(docs, "Deployment").stream()
        .flatMap(d -> ManifestChecker.declaredExternal(d).stream())
        .collect(Collectors.toSet());
  }

  @SuppressWarnings("unchecked")
  private static void merge(Map<String, Object> into, Map<String, Object> from) {
    from.forEach(
        (k, v) -> {
          if (v instanceof Map<?, ?> m && into.get(k) instanceof Map<?, ?> existing) {
            merge((Map<String, Object>) existing, (Map<String, Object>) m);
          } else {
            into.put(k, v);
          }
        });
  }
}
