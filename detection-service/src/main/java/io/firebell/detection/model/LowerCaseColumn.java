package io.firebell.detection.model;

import jakarta.persistence.AttributeConverter;
import java.util.Locale;

/**
 * An enum stored, sent and read as its lower-case name, the word the API, the events and the
 * database use ({@code open}, {@code firing}, {@code pending}…).
 */
abstract class LowerCaseColumn<E extends Enum<E>> implements AttributeConverter<E, String> {

  private final Class<E> type;

  LowerCaseColumn(Class<E> type) {
    this.type = type;
  }

  static String wire(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /** The constant of this lower-case name, or null when there is none. */
  static <E extends Enum<E>> E fromWire(Class<E> type, String value) {
    for (E e : type.getEnumConstants()) {
      if (wire(e).equals(value)) {
        return e;
      }
    }
    return null;
  }

  @Override
  public String convertToDatabaseColumn(E value) {
    return value == null ? null : wire(value);
  }

  @Override
  public E convertToEntityAttribute(String value) {
    return value == null ? null : Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
  }
}
