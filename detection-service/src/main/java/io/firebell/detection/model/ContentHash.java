package io.firebell.detection.model;

import java.util.Map;

/**
 * A 64-bit hash of an alert's source content (labels, annotations, links, details, generator URL),
 * stored with the row so that a re-send whose content did not change — nearly every re-send —
 * updates only the counters and times, without rewriting the row's four JSON columns. Entry order
 * does not matter (jsonb does not keep it either).
 */
public final class ContentHash {

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private ContentHash() {}

  public static long of(
      Map<String, String> labels,
      Map<String, String> annotations,
      Map<String, String> links,
      Map<String, Object> details,
      String generatorUrl) {
    long h = mix(map(labels));
    h = h * 31 + mix(map(annotations) + 1);
    h = h * 31 + mix(map(links) + 2);
    h = h * 31 + mix(map(details) + 3);
    h = h * 31 + mix(generatorUrl == null ? 4 : string(generatorUrl));
    return h;
  }

  private static long map(Map<String, ?> map) {
    if (map == null) {
      return 0;
    }
    long sum = map.size();
    for (Map.Entry<String, ?> e : map.entrySet()) {
      Object v = e.getValue();
      sum += mix(string(e.getKey()) * FNV_PRIME ^ (v == null ? 7 : string(v.toString())));
    }
    return sum;
  }

  private static long string(String s) {
    long h = FNV_OFFSET;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= FNV_PRIME;
    }
    return h;
  }

  /** A 64-bit finalizer (MurmurHash3 fmix64), so that sums of entries do not cancel out. */
  private static long mix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }
}
