package io.firebell.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A service's operations as its OpenAPI document ({@code /q/openapi?format=json}) lists them:
 * method, path template, parameters and request body with their schemas, documented responses, and
 * who may call it ({@code x-firebell-roles}, {@code x-firebell-integration-kinds}: platform's
 * CallersOpenApiFilter). It also makes values from schemas: {@link #sample} a value that meets a
 * schema as far as the schema says, which the generated sweeps start from.
 */
final class OpenApiOperations {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

  /**
   * Strings tried, in order, against a {@code pattern} (Bean Validation's {@code @Pattern} matches
   * the whole value; OpenAPI's any part of it).
   */
  private static final List<String> PATTERN_CANDIDATES =
      List.of(
          "a",
          "firing",
          "abc",
          "a-1",
          "https://example.com/x",
          "2026-03-12T10:00:00Z",
          "2026-03-12",
          "10:00",
          "P1D",
          "SEV2",
          "critical",
          "alertname=\"x\"",
          "1",
          "#a1b2c3");

  /** One parameter: {@code in} is path, query or header. */
  record Parameter(String name, String in, JsonNode schema, boolean required) {}

  /**
   * One operation.
   *
   * @param publicAccess true when the document names no security requirement
   * @param roles who may call it (x-firebell-roles): person roles and {@code integration}
   * @param integrationKinds the integration kinds it takes; empty when every kind may call
   * @param bodyRequired whether the document says the body must be there (else no body, or JSON
   *     {@code null}, is a valid request)
   * @param responses each documented status with its media types
   */
  record Operation(
      String service,
      String method,
      String path,
      List<Parameter> parameters,
      String bodyMediaType,
      JsonNode bodySchema,
      boolean bodyRequired,
      Map<String, Set<String>> responses,
      boolean publicAccess,
      Set<String> roles,
      Set<String> integrationKinds) {

    String label() {
      return service + " " + method + " " + path;
    }

    boolean hasBody() {
      return bodySchema != null;
    }

    List<Parameter> parameters(String in) {
      return parameters.stream().filter(p -> p.in().equals(in)).toList();
    }

    /** Whether an integration token of {@code kind} may call this operation. */
    boolean allowsIntegration(String kind) {
      return roles.contains("integration")
          && (integrationKinds.isEmpty() || integrationKinds.contains(kind));
    }

    /**
     * Whether the document says an answer of {@code status} is something other than problem+json (a
     * compatible API that answers in its own shape, e.g. PagerDuty's).
     */
    boolean documentsNonProblem(int status) {
      Set<String> types = responses.get(String.valueOf(status));
      return types != null
          && !types.isEmpty()
          && types.stream().noneMatch(t -> t.equals("application/problem+json"));
    }
  }

  private final String service;
  private final JsonNode document;

  private OpenApiOperations(String service, JsonNode document) {
    this.service = service;
    this.document = document;
  }

  /** The document of the service at {@code baseUrl}, read through {@code http}. */
  static OpenApiOperations fetch(String service, String baseUrl) throws IOException {
    RawHttp.Answer answer =
        RawHttp.send(URI.create(baseUrl), "GET", "/q/openapi?format=json", Map.of(), null);
    if (answer.status() != 200) {
      throw new IllegalStateException(service + " /q/openapi answered " + answer.status());
    }
    return new OpenApiOperations(service, JSON.readTree(answer.body()));
  }

  /** Every operation of the document, in its order. */
  List<Operation> operations() {
    List<Operation> operations = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
      while (methods.hasNext()) {
        Map.Entry<String, JsonNode> method = methods.next();
        if (METHODS.contains(method.getKey())) {
          operations.add(operation(path.getKey(), path.getValue(), method));
        }
      }
    }
    return operations;
  }

  private Operation operation(String path, JsonNode pathItem, Map.Entry<String, JsonNode> entry) {
    JsonNode op = entry.getValue();
    List<Parameter> parameters = new ArrayList<>();
    for (JsonNode p : concat(pathItem.path("parameters"), op.path("parameters"))) {
      JsonNode param = resolve(p);
      parameters.add(
          new Parameter(
              param.path("name").asText(),
              param.path("in").asText(),
              resolve(param.path("schema")),
              param.path("required").asBoolean(false)));
    }
    String bodyType = null;
    JsonNode bodySchema = null;
    Iterator<Map.Entry<String, JsonNode>> content = op.path("requestBody").path("content").fields();
    if (content.hasNext()) {
      Map.Entry<String, JsonNode> first = content.next();
      bodyType = first.getKey();
      bodySchema = resolve(first.getValue().path("schema"));
    }
    Map<String, Set<String>> responses = new LinkedHashMap<>();
    op.path("responses")
        .fields()
        .forEachRemaining(
            r -> {
              Set<String> types = new LinkedHashSet<>();
              resolve(r.getValue()).path("content").fieldNames().forEachRemaining(types::add);
              responses.put(r.getKey(), types);
            });
    boolean publicAccess = !op.has("security") || op.path("security").isEmpty();
    Set<String> roles = texts(op.path("x-firebell-roles"));
    if (!publicAccess && roles.isEmpty()) {
      throw new IllegalStateException(
          service
              + " "
              + entry.getKey()
              + " "
              + path
              + " has a security requirement but no x-firebell-roles");
    }
    return new Operation(
        service,
        entry.getKey().toUpperCase(java.util.Locale.ROOT),
        path,
        parameters,
        bodyType,
        bodySchema,
        op.path("requestBody").path("required").asBoolean(false),
        responses,
        publicAccess,
        roles,
        texts(op.path("x-firebell-integration-kinds")));
  }

  private static List<JsonNode> concat(JsonNode a, JsonNode b) {
    List<JsonNode> all = new ArrayList<>();
    a.forEach(all::add);
    b.forEach(all::add);
    return all;
  }

  private static Set<String> texts(JsonNode array) {
    Set<String> texts = new LinkedHashSet<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }

  /** {@code node}, or what its {@code $ref} points to (followed until it is no reference). */
  JsonNode resolve(JsonNode node) {
    JsonNode current = node;
    for (int hops = 0; current != null && current.has("$ref") && hops < 20; hops++) {
      String ref = current.path("$ref").asText();
      current = document.at(ref.substring(1));
    }
    return current;
  }

  /** The properties of an object schema (after references and {@code allOf}). */
  Map<String, JsonNode> properties(JsonNode schema) {
    Map<String, JsonNode> properties = new LinkedHashMap<>();
    JsonNode s = resolve(schema);
    s.path("allOf").forEach(part -> properties.putAll(properties(part)));
    s.path("properties")
        .fields()
        .forEachRemaining(p -> properties.put(p.getKey(), resolve(p.getValue())));
    return properties;
  }

  /** The first schema of a {@code oneOf}/{@code anyOf}, or the schema itself. */
  private JsonNode firstAlternative(JsonNode schema) {
    JsonNode s = resolve(schema);
    for (String key : List.of("oneOf", "anyOf")) {
      if (s.path(key).size() > 0) {
        return resolve(s.path(key).get(0));
      }
    }
    return s;
  }

  static String type(JsonNode schema) {
    JsonNode type = schema.path("type");
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (!t.asText().equals("null")) {
          return t.asText();
        }
      }
    }
    if (type.isTextual()) {
      return type.asText();
    }
    return schema.has("properties") || schema.has("allOf") ? "object" : "";
  }

  /**
   * A value meeting {@code schema} as far as it says: required properties only, the first enum
   * value, a string matching the pattern when one of the candidates does, numbers within bounds.
   */
  JsonNode sample(JsonNode schema) {
    return sample(schema, 0);
  }

  private JsonNode sample(JsonNode schema, int depth) {
    JsonNode s = firstAlternative(schema);
    if (s == null || s.isMissingNode() || depth > 6) {
      return NODES.objectNode();
    }
    if (s.has("example") && !s.path("example").isNull()) {
      return s.path("example");
    }
    if (s.path("enum").size() > 0) {
      return s.path("enum").get(0);
    }
    switch (type(s)) {
      case "string":
        return NODES.textNode(sampleString(s));
      case "integer":
      case "number":
        long min = s.has("minimum") ? s.path("minimum").asLong() : 1;
        long max = s.has("maximum") ? s.path("maximum").asLong() : Long.MAX_VALUE;
        return NODES.numberNode(Math.min(Math.max(min, 1), max));
      case "boolean":
        return NODES.booleanNode(true);
      case "array":
        ArrayNode array = NODES.arrayNode();
        int items = Math.max(1, s.path("minItems").asInt(1));
        for (int i = 0; i < items; i++) {
          array.add(sample(s.path("items"), depth + 1));
        }
        return array;
      default:
        ObjectNode object = NODES.objectNode();
        Set<String> required = texts(s.path("required"));
        s.path("allOf").forEach(part -> required.addAll(texts(resolve(part).path("required"))));
        for (Map.Entry<String, JsonNode> p : properties(s).entrySet()) {
          if (required.contains(p.getKey())) {
            object.set(p.getKey(), sample(p.getValue(), depth + 1));
          }
        }
        return object;
    }
  }

  private static String sampleString(JsonNode s) {
    String format = s.path("format").asText("");
    String value =
        switch (format) {
          case "uuid" -> UUID.randomUUID().toString();
          case "date-time" -> "2026-03-12T10:00:00Z";
          case "date" -> "2026-03-12";
          case "local-time", "time" -> "10:00:00";
          case "uri", "url" -> "https://example.com/x";
          case "email" -> "someone@firebell.test";
          case "duration" -> "PT1H";
          default -> matching(s.path("pattern").asText(null));
        };
    int minLength = s.path("minLength").asInt(0);
    int maxLength = s.path("maxLength").asInt(Integer.MAX_VALUE);
    StringBuilder b = new StringBuilder(value);
    while (b.length() < minLength) {
      b.append('a');
    }
    return b.length() > maxLength ? b.substring(0, maxLength) : b.toString();
  }

  private static String matching(String pattern) {
    if (pattern == null) {
      return "sweep";
    }
    try {
      Pattern p = Pattern.compile(pattern);
      for (String c : PATTERN_CANDIDATES) {
        if (p.matcher(c).matches()) {
          return c;
        }
      }
      for (String c : PATTERN_CANDIDATES) {
        if (p.matcher(c).find()) {
          return c;
        }
      }
    } catch (PatternSyntaxException e) {
      return "a";
    }
    return "a";
  }

  /** The sample of each parameter of {@code op} that is in the path, by name, as text. */
  Map<String, String> samplePathValues(Operation op) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Parameter p : op.parameters("path")) {
      values.put(p.name(), sample(p.schema()).asText());
    }
    return values;
  }
}
