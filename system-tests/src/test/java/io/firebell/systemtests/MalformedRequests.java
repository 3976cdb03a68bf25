package io.firebell.systemtests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.firebell.systemtests.OpenApiOperations.Operation;
import io.firebell.systemtests.OpenApiOperations.Parameter;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The malformed requests of one operation, generated from its OpenAPI description: odd path, query
 * and header values; truncated, deeply nested, huge and non-JSON bodies; each field of the body
 * (nested ones too) wrong-typed, and each string field with NUL characters, unpaired surrogates and
 * bytes that are not UTF-8; bodies under the wrong content type. Each starts from the operation's
 * {@link OpenApiOperations#sample sample} so that only one thing is wrong.
 */
final class MalformedRequests {

  /** Just over the largest request body a service accepts (detection-service's is 512 KiB). */
  static final int HUGE_BODY = 1024 * 1024 + 1;

  private static final String TEN_KB = "a".repeat(10 * 1024);

  /** Path and query values, as sent on the request line (escapes are left as they are). */
  private static final List<String> ODD_URL_VALUES =
      List.of(
          "..",
          "%2E%2E",
          "%2F",
          "a%2Fb",
          "%00",
          "a%00b",
          "%zz",
          "%",
          "%20",
          TEN_KB,
          "%C3%A9%E2%98%83%F0%9F%94%A5",
          "é☃",
          "%ED%A0%80",
          "%EF%BF%BF",
          "-1",
          "0",
          "99999999999999999999",
          "1e400",
          "not-a-uuid",
          "00000000-0000-0000-0000-00000000000g",
          ";a=b",
          "null",
          "%C0%AE%C0%AE",
          "%252F",
          "%u0000",
          "%0A",
          "%0D%0A",
          "%5B%5D",
          "%7B%7D",
          "~");

  private static final List<String> ODD_HEADER_VALUES =
      List.of("W/\"x\"", "\"", "-1", "99999999999999999999", ",,,", "*", TEN_KB, "\"1\", \"2\"");

  /**
   * JSON values of every type, put where a field of another type belongs. Values Jackson coerces
   * into the field's type (a number into a string, 3.5 into an integer, "" or null into an optional
   * field) are left out by {@link #refused}: they make a valid request, which may persist.
   */
  private static final List<String> TYPED_VALUES =
      List.of(
          "12345",
          "3.5",
          "1e400",
          "-9223372036854775809",
          "true",
          "{}",
          "[]",
          "[1,\"x\",null]",
          "{\"a\":{\"b\":[1,\"x\",null]}}",
          "\"text\"",
          "\"\"",
          "null");

  /**
   * Strings PostgreSQL or a JSON parser may choke on, as JSON text or raw bytes: none of them is a
   * valid value of any field, so none may be stored.
   */
  private static final List<byte[]> ODD_STRINGS =
      List.of(
          utf8("\"\\u0000\""),
          utf8("\"a\\u0000b\""),
          new byte[] {'"', 'a', 0, 'b', '"'},
          utf8("\"\\ud800\""),
          utf8("\"\\udc00x\""),
          utf8("\"\\ud800\\ud800\""),
          new byte[] {'"', (byte) 0xC3, (byte) 0x28, '"'},
          new byte[] {'"', (byte) 0xC0, (byte) 0xAF, '"'},
          new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'},
          utf8("\"\\u202e\\u0000\\u0007\""));

  private static final List<String> NOT_JSON =
      List.of(
          "",
          "null",
          "[]",
          "\"text\"",
          "123",
          "{",
          "}",
          "{\"a\":}",
          "\uFEFF{",
          "{}]",
          "NaN",
          "{'a':1}",
          "/* c */ {}",
          "<xml/>");

  private static final List<String> WRONG_CONTENT_TYPES =
      List.of(
          "text/plain",
          "application/xml",
          "application/x-www-form-urlencoded",
          "multipart/form-data",
          // Not "application/json; charset=utf-16": RFC 8259 defines no charset for JSON and the
          // services read the body as the JSON it is, so that request is valid and may persist.
          "text/json",
          "application/octet-stream");

  private static final String PLACEHOLDER = "__firebell_sweep_value__";

  /** One request to send. */
  record Probe(
      Operation op,
      String mutation,
      String method,
      byte[] target,
      Map<String, String> headers,
      byte[] body) {

    String describe() {
      String t = new String(target, StandardCharsets.UTF_8);
      return op.label()
          + " ["
          + mutation
          + "] "
          + (t.length() > 120 ? t.substring(0, 120) + "…" : t);
    }
  }

  private final OpenApiOperations api;

  MalformedRequests(OpenApiOperations api) {
    this.api = api;
  }

  /** Every malformed request of {@code op}, each carrying the {@code auth} headers. */
  List<Probe> of(Operation op, Map<String, String> auth) {
    List<Probe> probes = new ArrayList<>();
    Map<String, String> pathValues = encoded(api.samplePathValues(op));
    // A body of the wrong shape beside an odd URL: nothing may be created under an odd name.
    byte[] wrongShape = op.hasBody() ? utf8("[]") : null;
    Map<String, String> json = withJson(auth);
    for (Parameter p : op.parameters("path")) {
      for (String odd : ODD_URL_VALUES) {
        Map<String, String> values = new LinkedHashMap<>(pathValues);
        values.put(p.name(), odd);
        probes.add(probe(op, "path " + p.name(), target(op, values, ""), json, wrongShape));
      }
    }
    String base = target(op, pathValues, "");
    for (Parameter p : op.parameters("query")) {
      for (String odd : ODD_URL_VALUES) {
        probes.add(
            probe(op, "query " + p.name(), base + "?" + p.name() + "=" + odd, json, wrongShape));
      }
    }
    for (Parameter p : op.parameters("header")) {
      for (String odd : ODD_HEADER_VALUES) {
        Map<String, String> headers = new LinkedHashMap<>(json);
        headers.put(p.name(), odd);
        probes.add(probe(op, "header " + p.name(), base, headers, wrongShape));
      }
    }
    if (op.hasBody()) {
      bodies(op, base, auth, json, probes);
    }
    return probes;
  }

  private void bodies(
      Operation op,
      String target,
      Map<String, String> auth,
      Map<String, String> json,
      List<Probe> probes) {
    JsonNode sample = api.sample(op.bodySchema());
    byte[] valid = utf8(write(sample));
    for (int cut : new int[] {1, valid.length / 4, valid.length / 2, valid.length - 1}) {
      if (cut > 0 && cut < valid.length) {
        probes.add(
            probe(op, "truncated", target, json, java.util.Arrays.copyOf(valid, Math.max(cut, 1))));
      }
    }
    probes.add(probe(op, "deep", target, json, utf8("[".repeat(10_000))));
    probes.add(probe(op, "deep", target, json, utf8("{\"a\":".repeat(10_000))));
    probes.add(
        probe(
            op,
            "deep",
            target,
            json,
            utf8("{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}")));
    probes.add(probe(op, "huge", target, json, huge()));
    for (String text : NOT_JSON) {
      if (op.bodyRequired() || !(text.isEmpty() || text.equals("null"))) {
        probes.add(probe(op, "not json", target, json, utf8(text)));
      }
    }
    for (String type : WRONG_CONTENT_TYPES) {
      Map<String, String> headers = new LinkedHashMap<>(auth);
      headers.put("Content-Type", type);
      probes.add(probe(op, "content type", target, headers, valid));
    }
    for (Leaf leaf : leaves(op.bodySchema(), List.of(), 0)) {
      for (String value : TYPED_VALUES) {
        if (refused(leaf, value)) {
          probes.add(
              probe(
                  op, "wrong type " + leaf.name(), target, json, with(sample, leaf, utf8(value))));
        }
      }
      if (leaf.type().equals("string")) {
        for (byte[] odd : ODD_STRINGS) {
          probes.add(probe(op, "odd string " + leaf.name(), target, json, with(sample, leaf, odd)));
        }
      }
    }
  }

  /** A field of a body, where it lies (names and array indexes) and its type. */
  private record Leaf(List<Object> path, String type, boolean required) {
    String name() {
      return path.stream().map(String::valueOf).reduce((a, b) -> a + "." + b).orElse("");
    }
  }

  private List<Leaf> leaves(JsonNode schema, List<Object> at, int depth) {
    List<Leaf> leaves = new ArrayList<>();
    if (depth > 3) {
      return leaves;
    }
    JsonNode resolved = api.resolve(schema);
    for (Map.Entry<String, JsonNode> p : api.properties(schema).entrySet()) {
      List<Object> path = append(at, p.getKey());
      String type = OpenApiOperations.type(p.getValue());
      boolean required = false;
      for (JsonNode name : resolved.path("required")) {
        required |= name.asText().equals(p.getKey());
      }
      leaves.add(new Leaf(path, type, required));
      if (type.equals("object")) {
        leaves.addAll(leaves(p.getValue(), path, depth + 1));
      } else if (type.equals("array")) {
        JsonNode items = api.resolve(p.getValue().path("items"));
        String itemType = OpenApiOperations.type(items);
        leaves.add(new Leaf(append(path, 0), itemType, true));
        if (itemType.equals("object")) {
          leaves.addAll(leaves(items, append(path, 0), depth + 1));
        }
      }
    }
    return leaves;
  }

  private static List<Object> append(List<Object> path, Object step) {
    List<Object> longer = new ArrayList<>(path);
    longer.add(step);
    return longer;
  }

  /** Whether Jackson and validation refuse {@code json} as the value of {@code leaf}. */
  private static boolean refused(Leaf leaf, String json) {
    char c = json.charAt(0);
    if (json.equals("null")) {
      return leaf.required();
    }
    if (json.equals("\"\"")) {
      return leaf.required() && !leaf.type().equals("string");
    }
    boolean number = c == '-' || Character.isDigit(c);
    return switch (leaf.type()) {
      case "string" -> c == '{' || c == '[';
      case "integer" -> !number || json.equals("1e400") || json.startsWith("-9");
      case "number" -> c != '-' && !Character.isDigit(c);
      case "boolean" -> c == '{' || c == '[' || json.equals("\"text\"");
      case "array" -> c != '[';
      case "object" -> c != '{';
      default -> false;
    };
  }

  /** The sample with the field at {@code leaf} set to {@code raw} (JSON text or bytes). */
  private static byte[] with(JsonNode sample, Leaf leaf, byte[] raw) {
    JsonNode root = sample.deepCopy();
    if (!root.isObject()) {
      root = OpenApiOperations.JSON.createObjectNode();
    }
    JsonNode current = root;
    List<Object> path = leaf.path();
    for (int i = 0; i < path.size(); i++) {
      Object step = path.get(i);
      boolean last = i == path.size() - 1;
      Object next = last ? null : path.get(i + 1);
      JsonNode child;
      if (current instanceof ObjectNode object) {
        child = object.get((String) step);
        if (last) {
          object.set((String) step, TextNode.valueOf(PLACEHOLDER));
          break;
        }
        if (child == null
            || !child.isContainerNode()
            || child.isArray() != (next instanceof Integer)) {
          child =
              next instanceof Integer
                  ? object.putArray((String) step)
                  : object.putObject((String) step);
        }
      } else {
        ArrayNode array = (ArrayNode) current;
        if (last) {
          if (array.isEmpty()) {
            array.add(TextNode.valueOf(PLACEHOLDER));
          } else {
            array.set(0, TextNode.valueOf(PLACEHOLDER));
          }
          break;
        }
        if (array.isEmpty() || !array.get(0).isContainerNode()) {
          array.removeAll();
          child = next instanceof Integer ? array.addArray() : array.addObject();
        } else {
          child = array.get(0);
        }
      }
      current = child;
    }
    String text = write(root);
    int at = text.indexOf("\"" + PLACEHOLDER + "\"");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(utf8(text.substring(0, at)));
    out.writeBytes(raw);
    out.writeBytes(utf8(text.substring(at + PLACEHOLDER.length() + 2)));
    return out.toByteArray();
  }

  /**
   * A JSON array just over {@link #HUGE_BODY} bytes where every operation takes an object (or a
   * list of a few items): refused for its size or its shape, never stored.
   */
  private static byte[] huge() {
    StringBuilder b = new StringBuilder(HUGE_BODY + 16).append("[0");
    while (b.length() < HUGE_BODY - 1) {
      b.append(",0");
    }
    return utf8(b.append(']').toString());
  }

  private static Map<String, String> withJson(Map<String, String> auth) {
    Map<String, String> headers = new LinkedHashMap<>(auth);
    headers.put("Content-Type", "application/json");
    return headers;
  }

  private static Map<String, String> encoded(Map<String, String> values) {
    Map<String, String> encoded = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> encoded.put(k, URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20")));
    return encoded;
  }

  /** The path template with {@code values} put in as they are, then {@code query}. */
  static String target(Operation op, Map<String, String> values, String query) {
    String path = op.path();
    for (Map.Entry<String, String> v : values.entrySet()) {
      path = path.replace("{" + v.getKey() + "}", v.getValue());
    }
    return path + query;
  }

  private static Probe probe(
      Operation op, String mutation, String target, Map<String, String> headers, byte[] body) {
    return new Probe(op, mutation, op.method(), utf8(target), headers, body);
  }

  private static String write(JsonNode node) {
    try {
      return OpenApiOperations.JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
