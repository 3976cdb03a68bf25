package io.firebell.platform.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.firebell.contracts.StorableText;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Only text that PostgreSQL can store ({@link StorableText}: no NUL character, no unpaired UTF-16
 * surrogate, which would be stored as a question mark) in request bodies: the Jackson module
 * refuses other text in every string, map key and JSON tree a body carries, naming the field,
 * before any of it reaches a database or Kafka.
 */
public final class StorableStrings {

  private StorableStrings() {}

  /** The module every service's ObjectMapper registers. */
  public static Module module() {
    SimpleModule module = new SimpleModule("firebell-storable-text");
    module.addDeserializer(String.class, new Strings());
    module.addKeyDeserializer(String.class, new Keys());
    module.addDeserializer(JsonNode.class, new Trees());
    module.setDeserializerModifier(new Scalars());
    return module;
  }

  /**
   * A string in a request body that cannot be stored; Jackson adds the path of the field as the
   * exception travels up, and the problem mappers answer 400 naming it.
   */
  public static final class UnstorableTextException extends InvalidFormatException {

    private final String reason;

    UnstorableTextException(JsonParser parser, String reason) {
      super(parser, reason, null, String.class);
      this.reason = reason;
    }

    /** What is wrong with the text, without the field. */
    public String reason() {
      return reason;
    }
  }

  private static final class Strings extends StdDeserializer<String> {

    Strings() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String value = StringDeserializer.instance.deserialize(p, ctxt);
      String problem = StorableText.problem(value);
      if (problem != null) {
        throw new UnstorableTextException(p, problem);
      }
      return value;
    }
  }

  /**
   * Screens the text of values read from a JSON string into another type — a UUID, a time, a number
   * — before Jackson's own reader sees it: those trim the text, so {@code "\u0000"} became an empty
   * string and then null, and a request with a NUL for its optional UUID or time was stored as if
   * the field were absent (found by the generated sweep, issue 19).
   */
  private static final class Scalars extends BeanDeserializerModifier {

    @Override
    public JsonDeserializer<?> modifyDeserializer(
        DeserializationConfig config, BeanDescription description, JsonDeserializer<?> found) {
      Class<?> type = description.getBeanClass();
      boolean scalar =
          !(found instanceof BeanDeserializerBase)
              && type != String.class
              && type != Object.class
              && !JsonNode.class.isAssignableFrom(type);
      return scalar ? new ScreenedScalar(found) : found;
    }
  }

  private static final class ScreenedScalar extends DelegatingDeserializer {

    private static final long serialVersionUID = 1L;

    ScreenedScalar(JsonDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new ScreenedScalar(delegate);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.hasToken(JsonToken.VALUE_STRING)) {
        String problem = StorableText.problem(p.getText());
        if (problem != null) {
          throw new UnstorableTextException(p, problem);
        }
      }
      return super.deserialize(p, ctxt);
    }
  }

  private static final class Keys extends KeyDeserializer {

    @Override
    public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
      String problem = StorableText.problem(key);
      if (problem != null) {
        throw new UnstorableTextException(ctxt.getParser(), "a key " + problem);
      }
      return key;
    }
  }

  private static final class Trees extends StdDeserializer<JsonNode> {

    Trees() {
      super(JsonNode.class);
    }

    @Override
    @SuppressWarnings("unchecked")
    public JsonNode deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonDeserializer<JsonNode> standard =
          (JsonDeserializer<JsonNode>) JsonNodeDeserializer.getDeserializer(JsonNode.class);
      JsonNode tree = standard.deserialize(p, ctxt);
      UnstorableTextException refused = check(p, tree);
      if (refused != null) {
        throw refused;
      }
      return tree;
    }

    @Override
    public JsonNode getNullValue(DeserializationContext ctxt) throws JsonMappingException {
      return JsonNodeDeserializer.getDeserializer(JsonNode.class).getNullValue(ctxt);
    }

    /** The first unstorable text in the tree, with its path, or null. */
    private static UnstorableTextException check(JsonParser p, JsonNode node) {
      if (node.isTextual()) {
        String problem = StorableText.problem(node.textValue());
        return problem == null ? null : new UnstorableTextException(p, problem);
      }
      if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          UnstorableTextException inner = check(p, node.get(i));
          if (inner != null) {
            inner.prependPath(node, i);
            return inner;
          }
        }
      }
      if (node.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          String keyProblem = StorableText.problem(field.getKey());
          UnstorableTextException inner =
              keyProblem == null
                  ? check(p, field.getValue())
                  : new UnstorableTextException(p, "a key " + keyProblem);
          if (inner != null) {
            inner.prependPath(node, field.getKey());
            return inner;
          }
        }
      }
      return null;
    }
  }
}
