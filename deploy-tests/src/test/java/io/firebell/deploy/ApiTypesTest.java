package io.firebell.deploy;

import static io.firebell.deploy.Renders.DETECTION_WORKER_OVERLAY;
import static io.firebell.deploy.Renders.DETECTION_WORKER_VALUES;
import static io.firebell.deploy.Renders.STRIMZI_CNPG_VALUES;
import static io.firebell.deploy.Renders.find;
import static io.firebell.deploy.YamlDocs.at;
import static io.firebell.deploy.YamlDocs.list;
import static io.firebell.deploy.YamlDocs.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Every rendering read strictly into the Kubernetes and Strimzi API types (ApiTypes). */
class ApiTypesTest {

  @Test
  void theKustomizationsParseIntoTheApiTypes() {
    assertThat(ApiTypes.problems(Renders.k8s())).isEmpty();
    assertThat(ApiTypes.problems(Renders.k8s(DETECTION_WORKER_OVERLAY))).isEmpty();
  }

  @Test
  void theChartWithDefaultValuesParsesIntoTheApiTypes() {
    assertThat(ApiTypes.problems(Renders.helm(null))).isEmpty();
  }

  @Test
  void theChartWithStrimziAndCloudNativePgValuesParsesIntoTheApiTypes() {
    List<Map<String, Object>> docs = Renders.helm(STRIMZI_CNPG_VALUES);

    assertThat(ApiTypes.problems(docs)).isEmpty();
    KafkaTopic topic = ApiTypes.read(Renders.ofKind(docs, "KafkaTopic").get(0), KafkaTopic.class);
    assertThat(topic.getSpec().getPartitions()).isPositive();
  }

  @Test
  void theChartWithTheConsoleOidcValuesParsesIntoTheApiTypes() {
    assertThat(ApiTypes.problems(Renders.helm(Renders.CONSOLE_OIDC_VALUES))).isEmpty();
  }

  @Test
  void readsTheConsolesSecretVolumesAsKubernetesWould() {
    for (List<Map<String, Object>> docs : List.of(Renders.k8s(), Renders.helm(null))) {
      Deployment console =
          ApiTypes.read(find(docs, "Deployment", "firebell-console"), Deployment.class);

      assertThat(console.getSpec().getTemplate().getSpec().getSecurityContext().getFsGroup())
          .isEqualTo(185L);
      assertThat(console.getSpec().getTemplate().getSpec().getVolumes())
          .filteredOn(v -> v.getSecret() != null)
          .isNotEmpty()
          .allSatisfy(v -> assertThat(v.getSecret().getDefaultMode()).isEqualTo(0440));
    }
  }

  @Test
  void theChartWithTheDetectionWorkerValuesParsesIntoTheApiTypes() {
    assertThat(ApiTypes.problems(Renders.helm(DETECTION_WORKER_VALUES))).isEmpty();
  }

  @Test
  void readsTheValuesItChecks() {
    Deployment deployment =
        ApiTypes.read(
            find(Renders.k8s(), "Deployment", "firebell-detection-service"), Deployment.class);

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    // The HTTP port, and the port of Kubernetes' probes (ADR 0147), in no fixed order.
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts())
        .extracting(p -> p.getName() + "=" + p.getContainerPort())
        .containsExactlyInAnyOrder("http=8081", "probe=9000");
  }

  @Test
  void refusesAnUnknownField() {
    assertThat(detectionDeploymentWith(d -> map(d.get("spec")).put("replica", 2)))
        .singleElement()
        .asString()
        .contains("Deployment firebell-detection-service")
        .contains("\"replica\"");
  }

  @Test
  void refusesAnUnknownFieldDeepInside() {
    assertThat(detectionDeploymentWith(d -> container(d).put("readinessprobe", Map.of())))
        .singleElement()
        .asString()
        .contains("\"readinessprobe\"");
  }

  @Test
  void refusesAValueOfTheWrongType() {
    assertThat(
            detectionDeploymentWith(
                d -> map(list(container(d).get("ports")).get(0)).put("containerPort", "http")))
        .singleElement()
        .asString()
        .contains("containerPort");
    assertThat(
            detectionDeploymentWith(
                d -> map(list(container(d).get("ports")).get(0)).put("containerPort", "8081")))
        .singleElement()
        .asString()
        .contains("containerPort");
    assertThat(detectionDeploymentWith(d -> map(d.get("spec")).put("replicas", "2"))).hasSize(1);
  }

  @Test
  void refusesANumberWhereKubernetesWantsAString() {
    assertThat(
            detectionDeploymentWith(
                d -> map(at(d, "metadata", "labels")).put("app.kubernetes.io/version", 1)))
        .singleElement()
        .asString()
        .contains("app.kubernetes.io/version");
  }

  @Test
  void refusesAnUnknownFieldOfAStrimziResource() {
    List<Map<String, Object>> docs = Renders.helm(STRIMZI_CNPG_VALUES);
    Map<String, Object> topic = YamlDocs.copy(Renders.ofKind(docs, "KafkaTopic").get(0));
    map(topic.get("spec")).put("partition", 3);
    Map<String, Object> kafka = YamlDocs.copy(Renders.ofKind(docs, "Kafka").get(0));
    map(list(at(kafka, "spec", "kafka", "listeners")).get(0)).put("tsl", false);

    assertThat(ApiTypes.problems(List.of(topic, kafka)))
        .hasSize(2)
        .anySatisfy(p -> assertThat(p).startsWith("KafkaTopic ").contains("\"partition\""))
        .anySatisfy(p -> assertThat(p).startsWith("Kafka ").contains("\"tsl\""));
  }

  @Test
  void refusesAnApiVersionItDoesNotKnow() {
    assertThat(detectionDeploymentWith(d -> d.put("apiVersion", "apps/v1beta1")))
        .containsExactly(
            "Deployment firebell-detection-service: no API type known for"
                + " apps/v1beta1/Deployment");
  }

  private static List<String> detectionDeploymentWith(Consumer<Map<String, Object>> change) {
    Map<String, Object> deployment =
        YamlDocs.copy(find(Renders.k8s(), "Deployment", "firebell-detection-service"));
    assertThat(ApiTypes.problems(List.of(deployment))).isEmpty();
    change.accept(deployment);
    return ApiTypes.problems(List.of(deployment));
  }

  private static Map<String, Object> container(Map<String, Object> deployment) {
    return map(list(at(deployment, "spec", "template", "spec", "containers")).get(0));
  }
}
