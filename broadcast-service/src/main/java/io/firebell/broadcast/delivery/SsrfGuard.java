package io.firebell.broadcast.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Keeps endpoints from reaching into the network Firebell runs in (server-side request forgery). A
 * host is refused if ANY address it resolves to is loopback, private, link-local, CGNAT, multicast,
 * unspecified, broadcast, reserved, a unique-local or IPv4-mapped/-compatible IPv6 address, or a
 * cloud metadata address — unless that exact address is in {@code
 * firebell.broadcast.ssrf.allow-list}. Checked at registration and again at every send, and the
 * sender connects to the very address that was checked, so a DNS answer that changes in between
 * (rebinding) cannot slip through.
 */
@ApplicationScoped
public class SsrfGuard {

  private final List<Cidr> allowList;

  public SsrfGuard(SsrfConfig config) {
    this.allowList =
        config.allowList().orElse(List.of()).stream()
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .map(Cidr::parse)
            .toList();
  }

  /** Why a URL cannot be an endpoint: not http(s), no host, credentials in it. */
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
    if (uri.getHost() == null || uri.getHost().isBlank()) {
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
   * Resolves the host (blocking: DNS) and returns the address to connect to.
   *
   * @throws RefusedAddressException if any address of the host is refused
   * @throws UnknownHostException if the name does not resolve
   */
  public InetAddress resolve(String host) throws UnknownHostException {
    String name = host;
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
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
    if (address instanceof Inet6Address six && six.isIPv4CompatibleAddress()) {
      return false;
    }
    for (Cidr cidr : allowList) {
      if (cidr.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /** The refused class the address belongs to, or null if it is a public unicast address. */
  static String refusedClass(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int a0 = b[0] & 0xff;
      int a1 = b[1] & 0xff;
      int a2 = b[2] & 0xff;
      int a3 = b[3] & 0xff;
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
      if (a0 == 198 && (a1 & 0xfe) == 18) {
        return "benchmarking (RFC 2544)";
      }
      return null;
    }
    Inet6Address six = (Inet6Address) address;
    if (hex(b).equals("fd000ec2000000000000000000000254")) {
      return "cloud metadata";
    }
    if (address.isAnyLocalAddress()) {
      return "unspecified";
    }
    if (address.isLoopbackAddress()) {
      return "loopback";
    }
    if (six.isIPv4CompatibleAddress() || allZero(b, 0, 12)) {
      return "IPv4-compatible IPv6";
    }
    if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
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
    if ((b[0] & 0xff) == 0x00
        && (b[1] & 0xff) == 0x64
        && (b[2] & 0xff) == 0xff
        && (b[3] & 0xff) == 0x9b) {
      return "IPv4-translated IPv6 (NAT64)";
    }
    return null;
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

  /** An address (or, with a name, some address of it) that the guard refuses. */
  public static final class RefusedAddressException extends UnknownHostException {
    private final String addressClass;
    private final String address;

    RefusedAddressException(String addressClass, String address) {
      super("address " + address + " is refused: " + addressClass);
      this.addressClass = addressClass;
      this.address = address;
    }

    public String addressClass() {
      return addressClass;
    }

    public String address() {
      return address;
    }
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
            "firebell.broadcast.ssrf.allow-list: '" + text + "' is not a CIDR", e);
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
