package io.firebell.contracts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Defensive copies for the collections inside event records, so an event cannot change after it was
 * built or read.
 *
 * <p>A missing collection becomes an empty one: a consumer reading an event written before a list
 * or map field was added (changes are additive) sees an empty collection, never null. Order is kept
 * and null values are allowed (a map of changed fields may set a field to null).
 */
public final class Copies {

  private Copies() {}

  /** An unmodifiable copy in the same order; empty when {@code list} is null. */
  public static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
  }

  /** An unmodifiable copy in the same order; empty when {@code map} is null. */
  public static <K, V> Map<K, V> map(Map<K, V> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
