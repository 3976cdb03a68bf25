package io.firebell.deploy;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every rendered object read strictly into the API type Kubernetes (or the operator) will decode it
 * as: fabric8's Kubernetes model, the Prometheus operator's ServiceMonitor and Strimzi's custom
 * resources. A field the type does not have ({@code replica: 2}), a value of the wrong type ({@code
 * containerPort: "http"}, a number where a label value must be a string) or an apiVersion and kind
 * this table does not know is a problem, as the API server would refuse it.
 *
 * <p>fabric8's and Strimzi's types keep unknown fields in an {@code additionalProperties} map
 * instead of failing; the mapper here takes that map away from every type, so that {@link
 * DeserializationFeature#FAIL_ON_UNKNOWN_PROPERTIES} applies to them all.
 */
public final class ApiTypes {

  /** apiVersion and kind to the type that reads it. */
  private static final Map<String, Class<?>> TYPES =
      Map.ofEntries(
          Map.entry("v1/Namespace", Namespace.class),
          Map.entry("v1/ServiceAccount", ServiceAccount.class),
          Map.entry("v1/ConfigMap", ConfigMap.class),
          Map.entry("v1/Secret", Secret.class),
          Map.entry("v1/Service", Service.class),
          Map.entry("apps/v1/Deployment", Deployment.class),
          Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
          Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
          Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
          Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
          Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
          Map.entry("kafka.strimzi.io/v1beta2/Kafka", Kafka.class),
          Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class),
          Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class));

  /**
   * Kinds rendered but without a published Java model to check them against (CloudNativePG ships
   * none): {@link ManifestChecker}'s rules are all that reads them.
   */
  static final Set<String> UNTYPED = Set.of("postgresql.cnpg.io/v1/Cluster");

  private static final ObjectMapper STRICT = strictMapper();

  private ApiTypes() {}

  /** What the API types refuse in these objects, one sentence each; empty when all parse. */
  public static List<String> problems(List<Map<String, Object>> objects) {
    List<String> problems = new ArrayList<>();
    for (Map<String, Object> object : objects) {
      String type = YamlDocs.string(object, "apiVersion") + "/" + YamlDocs.kind(object);
      String where = YamlDocs.kind(object) + " " + YamlDocs.name(object);
      if (UNTYPED.contains(type)) {
        continue;
      }
      Class<?> target = TYPES.get(type);
      if (target == null) {
        problems.add(where + ": no API type known for " + type);
        continue;
      }
      try {
        STRICT.convertValue(object, target);
      } catch (IllegalArgumentException e) {
        problems.add(where + " is not a valid " + type + ": " + reason(e));
      }
    }
    return problems;
  }

  /** The object read into its API type. */
  public static <T> T read(Map<String, Object> object, Class<T> type) {
    return STRICT.convertValue(object, type);
  }

  /** Jackson's reason, where it found it: {@code spec.template.spec.containers[0].ports[0]…}. */
  private static String reason(IllegalArgumentException e) {
    if (!(e.getCause() instanceof JsonMappingException m)) {
      return String.valueOf(e.getMessage());
    }
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference step : m.getPath()) {
      if (step.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(step.getFieldName());
      } else {
        path.append('[').append(step.getIndex()).append(']');
      }
    }
    return path + ": " + m.getOriginalMessage().lines().findFirst().orElse("");
  }

  private static ObjectMapper strictMapper() {
    SimpleModule noAdditionalProperties = new SimpleModule("no-additional-properties");
    noAdditionalProperties.setDeserializerModifier(
        new BeanDeserializerModifier() {
          @Override
          public BeanDeserializerBuilder updateBuilder(
              DeserializationConfig config,
              BeanDescription description,
              BeanDeserializerBuilder builder) {
            builder.setAnySetter(null);
            builder.setIgnoreUnknownProperties(false);
            return builder;
          }
        });
    JsonMapper mapper =
        JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .addModule(noAdditionalProperties)
            .build();
    // The API server decodes JSON: a number is no string, and a string no number or boolean.
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper
        .coercionConfigDefaults()
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    return mapper;
  }
}
