package io.firebell.platform.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import java.io.IOException;
import java.time.temporal.Temporal;
import java.util.Objects;
import java.util.function.Function;

/**
 * One field of a JSON merge patch (RFC 7396), which says one of three things: the field was left
 * out (keep it as it is), it was sent as {@code null} (clear it), or it was sent with a value (set
 * it). Jackson alone gives a record component {@code null} for the first two alike; a component of
 * this type keeps them apart. Use it in a request record that implements {@link MergePatch}.
 *
 * <p>A patch says exactly what it means: a JSON number or boolean is never coerced into a string or
 * a time here (Jackson would read {@code 5} as {@code "5"}, or as an instant in 1970), it is a
 * field of the wrong type.
 *
 * @param <T> the field's type
 */
@JsonDeserialize(using = Patch.Reader.class)
public final class Patch<T> {

  private static final Patch<?> ABSENT = new Patch<>(false, null);

  private final boolean present;
  private final T value;

  private Patch(boolean present, T value) {
    this.present = present;
    this.value = value;
  }

  /** The field was left out. */
  @SuppressWarnings("unchecked")
  public static <T> Patch<T> absent() {
    return (Patch<T>) ABSENT;
  }

  /** The field was sent: with a value, or with {@code null} to clear it. */
  public static <T> Patch<T> of(T value) {
    return new Patch<>(true, value);
  }

  /** Whether the field was sent at all (with a value or with {@code null}). */
  public boolean isPresent() {
    return present;
  }

  /** Whether the field was sent as {@code null}. */
  public boolean isCleared() {
    return present && value == null;
  }

  /**
   * The field's new value, null when it is cleared.
   *
   * @throws IllegalStateException when the field was left out
   */
  public T value() {
    if (!present) {
      throw new IllegalStateException("the field was left out of the patch");
    }
    return value;
  }

  /**
   * The same patch with its value passed through {@code f} (which sees {@code null} for a cleared
   * field and may refuse it); a field left out stays left out.
   */
  public <R> Patch<R> map(Function<? super T, ? extends R> f) {
    return present ? of(f.apply(value)) : absent();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Patch<?> p && present == p.present && Objects.equals(value, p.value);
  }

  @Override
  public int hashCode() {
    return present ? 31 + Objects.hashCode(value) : 0;
  }

  @Override
  public String toString() {
    return present ? "Patch[" + value + "]" : "Patch.absent";
  }

  /**
   * Reads a {@link Patch} component: a field missing from the JSON object becomes {@link
   * #absent()}, {@code null} a cleared patch, anything else a patch with the value read as {@code
   * T}.
   */
  public static final class Reader extends JsonDeserializer<Patch<?>>
      implements ContextualDeserializer {

    private final JavaType valueType;

    public Reader() {
      this(null);
    }

    private Reader(JavaType valueType) {
      this.valueType = valueType;
    }

    @Override
    public JsonDeserializer<?> createContextual(
        DeserializationContext ctxt, BeanProperty property) {
      JavaType patchType = property != null ? property.getType() : ctxt.getContextualType();
      return new Reader(patchType.containedTypeOrUnknown(0));
    }

    @Override
    public Patch<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonNode node = ctxt.readTree(p);
      if (!exact(node, valueType)) {
        return (Patch<?>)
            ctxt.reportInputMismatch(
                valueType, "a JSON %s cannot be read as %s", node.getNodeType(), valueType);
      }
      return of(ctxt.readTreeAsValue(node, valueType));
    }

    @Override
    public Patch<?> getNullValue(DeserializationContext ctxt) {
      return of(null);
    }

    @Override
    public Patch<?> getAbsentValue(DeserializationContext ctxt) {
      return absent();
    }

    /** Whether strings and times are JSON strings, in collections too. */
    private static boolean exact(JsonNode node, JavaType type) {
      if (node.isNull()) {
        return true;
      }
      if (type.isCollectionLikeType() || type.isArrayType()) {
        if (node.isArray()) {
          for (JsonNode element : node) {
            if (!exact(element, type.getContentType())) {
              return false;
            }
          }
        }
        return true;
      }
      Class<?> raw = type.getRawClass();
      if (CharSequence.class.isAssignableFrom(raw) || Temporal.class.isAssignableFrom(raw)) {
        return node.isTextual();
      }
      return true;
    }
  }
}
