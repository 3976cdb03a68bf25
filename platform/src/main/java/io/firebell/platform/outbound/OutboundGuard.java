package io.firebell.platform.outbound;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Keeps outbound calls (broadcast deliveries, detection's pages) from reaching into the network
 * Firebell runs in (server-side request forgery). A host is refused if ANY address it resolves to
 * is loopback, private, link-local, CGNAT, multicast, unspecified, broadcast, reserved,
 * documentation, a unique-local, 6to4, Teredo, NAT64 or IPv4-mapped/-compatible IPv6 address, or a
 * cloud metadata address — unless that exact address is in {@code firebell.outbound.allow-list},
 * which never unlocks a metadata address. A URL whose host is an ambiguous IPv4 literal ({@code
 * 127.1}, {@code 012.0.0.7}, {@code 0x7f.0.0.1}, {@code 2130706433}) is refused too: parsers read
 * such hosts differently, and a URL must mean the same address to each of them.
 *
 * <p>{@link OutboundHttp} checks at every call and connects to the very address it checked, so a
 * DNS answer that changes in between (rebinding) cannot slip through.
 */
@ApplicationScoped
public class OutboundGuard {

  /** What a URL the guard accepts looks like, in words for API descriptions. */
  public static final String URL_RULE =
      "http or https, without credentials or fragment. Its host must be a name or a canonical"
          + " address (an IPv4 address as four decimal parts without leading zeros: 127.1,"
          + " 012.0.0.7, 0x7f.0.0.1 or 2130706433 are refused) that does not resolve to a"
          + " loopback, private, link-local, CGNAT, documentation, reserved, multicast,"
          + " unspecified, unique-local, 6to4, Teredo, NAT64, IPv4-mapped or cloud metadata"
          + " address, unless allow-listed (firebell.outbound.allow-list; never for metadata).";

  private static final Pattern CANONICAL_IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
              + "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
  private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0x[0-9a-f]*");

  private final List<Cidr> allowList;
  private final int maxResponseBytes;

  public OutboundGuard(OutboundConfig config) {
    this.allowList =
        config.allowList().orElse(List.of()).stream()
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .map(Cidr::parse)
            .toList();
    this.maxResponseBytes = config.maxResponseBytes();
  }

  /** The most response-body bytes an outbound call reads. */
  public int maxResponseBytes() {
    return maxResponseBytes;
  }

  /**
   * Why a URL cannot be called at all (not http(s), no host, credentials or a fragment in it), or
   * null. Says nothing about the addresses: {@link #resolve} does.
   */
  public static String urlProblem(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (Exception e) {
      return "is not a valid URL";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      return "must be an http or https URL";
    }
    String host = host(uri);
    if (host == null || host.isBlank()) {
      return "must name a host";
    }
    if (uri.getRawUserInfo() != null) {
      return "must not carry credentials";
    }
    if (uri.getRawFragment() != null) {
      return "must not have a fragment";
    }
    return null;
  }

  /**
   * The URL's host. {@link URI#getHost()} has none for a numeric last label such as {@code 127.1}
   * or {@code 2130706433}; such a host is read from the authority, so that it is refused as an
   * ambiguous literal (422) rather than as a URL without a host.
   */
  public static String host(URI uri) {
    if (uri.getHost() != null || uri.getRawAuthority() == null) {
      return uri.getHost();
    }
    String authority = uri.getRawAuthority();
    String host = authority.substring(authority.lastIndexOf('@') + 1);
    if (host.indexOf(':') >= 0) {
      host = host.substring(0, host.indexOf(':'));
    }
    return ambiguousIpv4(host) ? host : null;
  }

  /**
   * Whether a URL host is an IPv4 address written other than as four decimal parts without leading
   * zeros. Follows the WHATWG URL standard: a host whose last label is a number (decimal, or hex
   * with {@code 0x}) is an IPv4 address to browsers and curl, and {@code 127.1}, {@code 0177.0.0.1}
   * or {@code 2130706433} then mean 127.0.0.1 to some parsers and a name or nothing to others.
   */
  public static boolean ambiguousIpv4(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      return false;
    }
    String[] labels = h.split("\\.", -1);
    String last = labels[labels.length - 1];
    if (last.isEmpty() && labels.length > 1) {
      last = labels[labels.length - 2];
    }
    if (!NUMERIC_LABEL.matcher(last).matches()) {
      return false;
    }
    return !CANONICAL_IPV4.matcher(h).matches();
  }

  /**
   * Resolves the host (blocking: DNS) and returns the address to connect to.
   *
   * @throws RefusedAddressException if the host is an ambiguous IPv4 literal or any of its
   *     addresses is refused
   * @throws UnknownHostException if the name does not resolve
   */
  public InetAddress resolve(String host) throws UnknownHostException {
    String name = host;
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    if (ambiguousIpv4(host)) {
      throw new RefusedAddressException("ambiguous IPv4 literal", host);
    }
    boolean ipv6Literal = name.contains(":");
    InetAddress[] addresses = InetAddress.getAllByName(name);
    for (InetAddress address : addresses) {
      if (ipv6Literal && address instanceof Inet4Address) {
        // The JDK turns ::ffff:a.b.c.d into a.b.c.d; such a literal is never let through.
        throw new RefusedAddressException("IPv4-mapped IPv6", name);
      }
      String refused = refusedClass(address);
      if (refused != null && !allowed(address)) {
        throw new RefusedAddressException(refused, address.getHostAddress());
      }
    }
    return addresses[0];
  }

  private boolean allowed(InetAddress address) {
    if ("cloud metadata".equals(refusedClass(address))) {
      return false;
    }
    if (address instanceof Inet6Address six
        && (six.isIPv4CompatibleAddress() || isMapped(address.getAddress()))) {
      return false;
    }
    if (allowList.stream().noneMatch(cidr -> cidr.contains(address))) {
      return false;
    }
    if (!isTranslation(address)) {
      return true;
    }
    // A translation address reaches the IPv4 address inside it: that one must pass as well. One
    // whose IPv4 address cannot be read unambiguously (ADR 0011) is never opened.
    InetAddress inside = embeddedIpv4(address);
    return inside != null && (refusedClass(inside) == null || allowed(inside));
  }

  /** The refused class the address belongs to, or null if it is a public unicast address. */
  public static String refusedClass(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return refusedIpv4Class(b[0] & 0xff, b[1] & 0xff, b[2] & 0xff, b[3] & 0xff);
    }
    return refusedIpv6Class((Inet6Address) address, b);
  }

  private static String refusedIpv4Class(int a0, int a1, int a2, int a3) {
    if ((a0 == 169 && a1 == 254 && a2 == 169 && a3 == 254)
        || (a0 == 100 && a1 == 100 && a2 == 100 && a3 == 200)
        || (a0 == 192 && a1 == 0 && a2 == 0 && a3 == 192)) {
      return "cloud metadata";
    }
    if (a0 == 255 && a1 == 255 && a2 == 255 && a3 == 255) {
      return "broadcast";
    }
    if (a0 == 0) {
      return "unspecified";
    }
    if (a0 == 127) {
      return "loopback";
    }
    if (a0 == 169 && a1 == 254) {
      return "link-local";
    }
    if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
      return "private (RFC 1918)";
    }
    if (a0 == 100 && (a1 & 0xc0) == 64) {
      return "CGNAT (RFC 6598)";
    }
    if ((a0 & 0xf0) == 224) {
      return "multicast";
    }
    if ((a0 & 0xf0) == 240) {
      return "reserved";
    }
    if (a0 == 192 && a1 == 0 && a2 == 0) {
      return "IETF protocol assignments";
    }
    if ((a0 == 192 && a1 == 0 && a2 == 2)
        || (a0 == 198 && a1 == 51 && a2 == 100)
        || (a0 == 203 && a1 == 0 && a2 == 113)) {
      return "documentation";
    }
    if (a0 == 198 && (a1 & 0xfe) == 18) {
      return "benchmarking (RFC 2544)";
    }
    return null;
  }

  private static String refusedIpv6Class(Inet6Address six, byte[] b) {
    if (hex(b).equals("fd000ec2000000000000000000000254")) {
      return "cloud metadata";
    }
    if (six.isAnyLocalAddress()) {
      return "unspecified";
    }
    if (six.isLoopbackAddress()) {
      return "loopback";
    }
    if (six.isIPv4CompatibleAddress() || allZero(b, 0, 12)) {
      return "IPv4-compatible IPv6";
    }
    if (isMapped(b)) {
      return "IPv4-mapped IPv6";
    }
    if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
      return "link-local";
    }
    if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
      return "site-local";
    }
    if ((b[0] & 0xfe) == 0xfc) {
      return "unique local (fc00::/7)";
    }
    if ((b[0] & 0xff) == 0xff) {
      return "multicast";
    }
    int first = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
    int second = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    if (first == 0x0064 && second == 0xff9b) {
      // 64:ff9b::/96 (well-known) and 64:ff9b:1::/48 (local use) both lie in 64:ff9b::/32.
      return "NAT64 (64:ff9b::/96, 64:ff9b:1::/48)";
    }
    if (first == 0x2002) {
      return "6to4 (2002::/16)";
    }
    if (first == 0x2001 && second == 0x0000) {
      return "Teredo (2001::/32)";
    }
    if (first == 0x2001 && second == 0x0db8) {
      return "documentation";
    }
    return null;
  }

  /** Whether the address is 6to4, Teredo or NAT64: one that leads to an IPv4 address. */
  private static boolean isTranslation(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return false;
    }
    byte[] b = address.getAddress();
    int first = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
    int second = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    return first == 0x2002
        || (first == 0x2001 && second == 0x0000)
        || (first == 0x0064 && second == 0xff9b);
  }

  /**
   * The IPv4 address a translation address leads to: a 6to4 address's, a Teredo client's, or a
   * NAT64 address's read as RFC 6052 lays it out for the prefix it lies in — the well-known {@code
   * 64:ff9b::/96} (bits 96-127) or the local-use {@code 64:ff9b:1::/48} of RFC 8215 (bits 48-63 and
   * 72-87). Null for any other address, and for a NAT64 address that is not well-formed for its
   * prefix (in neither prefix, the reserved bits 64-71 set, or a non-zero suffix): a translator
   * configured with another prefix length could read such an address as another IPv4 address.
   */
  static InetAddress embeddedIpv4(InetAddress address) {
    if (!isTranslation(address)) {
      return null;
    }
    byte[] b = address.getAddress();
    byte[] v4;
    if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
      v4 = new byte[] {b[2], b[3], b[4], b[5]};
    } else if ((b[0] & 0xff) == 0x20) { // Teredo, 2001::/32: the client's address, inverted
      v4 = new byte[] {(byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15]};
    } else if (allZero(b, 4, 12)) { // 64:ff9b::/96
      v4 = rfc6052(b, 96);
    } else if (b[4] == 0 && b[5] == 1) { // 64:ff9b:1::/48
      v4 = rfc6052(b, 48);
    } else {
      v4 = null;
    }
    if (v4 == null) {
      return null;
    }
    try {
      return InetAddress.getByAddress(v4);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }

  /**
   * The IPv4 address embedded after a prefix of {@code prefixLength} bits (32, 40, 48, 56, 64 or
   * 96), per RFC 6052 section 2.2: the four bytes that follow the prefix, skipping byte 8 (bits
   * 64-71, which must be zero); the suffix after them must be zero. Null if either is not.
   */
  static byte[] rfc6052(byte[] b, int prefixLength) {
    if (b[8] != 0) {
      return null;
    }
    byte[] v4 = new byte[4];
    int i = prefixLength / 8;
    for (int n = 0; n < 4; i++) {
      if (i != 8) {
        v4[n++] = b[i];
      }
    }
    return allZero(b, i, 16) ? v4 : null;
  }

  private static boolean isMapped(byte[] b) {
    return b.length == 16 && allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static String hex(byte[] b) {
    StringBuilder s = new StringBuilder();
    for (byte x : b) {
      s.append(String.format("%02x", x & 0xff));
    }
    return s.toString();
  }

  record Cidr(byte[] network, int prefix) {
    static Cidr parse(String text) {
      String[] parts = text.split("/", 2);
      try {
        if (!parts[0].matches("[0-9a-fA-F:.]+")) {
          throw new IllegalArgumentException("not an address literal");
        }
        byte[] network = InetAddress.getByName(parts[0]).getAddress();
        int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
        if (prefix < 0 || prefix > network.length * 8) {
          throw new IllegalArgumentException("prefix out of range");
        }
        return new Cidr(network, prefix);
      } catch (Exception e) {
        throw new IllegalArgumentException(
            "firebell.outbound.allow-list: '" + text + "' is not a CIDR", e);
      }
    }

    boolean contains(InetAddress address) {
      byte[] a = address.getAddress();
      if (a.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (a[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (a[full] & mask) == (network[full] & mask);
    }
  }
}
