package io.firebell.platform.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The outbound guard on real resolution: literals, and names from the test hosts file
 * (src/test/resources/hosts, installed with -Djdk.net.hosts.file by surefire).
 */
class OutboundGuardTest {

  private final OutboundGuard guard = guard("127.0.0.1/32");
  private final OutboundGuard strict = guard();

  private static OutboundGuard guard(String... allowList) {
    return new OutboundGuard(
        new OutboundConfig() {
          @Override
          public Optional<List<String>> allowList() {
            return Optional.of(List.of(allowList));
          }

          @Override
          public int maxResponseBytes() {
            return 16384;
          }
        });
  }

  @ParameterizedTest(name = "{0} is refused as {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "[::ffff:127.0.0.1]|IPv4-mapped IPv6",
        "[::ffff:8.8.8.8]|IPv4-mapped IPv6",
        "[::127.0.0.1]|IPv4-compatible IPv6",
        "127.0.0.2|loopback",
        "127.255.255.254|loopback",
        "169.254.169.254|cloud metadata",
        "100.100.100.200|cloud metadata",
        "192.0.0.192|cloud metadata",
        "[fd00:ec2::254]|cloud metadata",
        "169.254.1.1|link-local",
        "100.64.0.1|CGNAT (RFC 6598)",
        "100.127.255.254|CGNAT (RFC 6598)",
        "10.0.0.1|private (RFC 1918)",
        "10.255.255.255|private (RFC 1918)",
        "192.168.1.1|private (RFC 1918)",
        "172.16.0.1|private (RFC 1918)",
        "172.31.255.254|private (RFC 1918)",
        "[fe80::1]|link-local",
        "[::1]|loopback",
        "0.0.0.0|unspecified",
        "[::]|unspecified",
        "224.0.0.1|multicast",
        "[ff02::1]|multicast",
        "255.255.255.255|broadcast",
        "[fc00::1]|unique local (fc00::/7)",
        "[fd12:3456::1]|unique local (fc00::/7)",
        "240.0.0.1|reserved",
        "192.0.2.1|documentation",
        "198.51.100.7|documentation",
        "203.0.113.255|documentation",
        "[2001:db8::1]|documentation",
        "[2002:a9fe:a9fe::1]|6to4 (2002::/16)",
        "[2002:808:808::1]|6to4 (2002::/16)",
        "[2001:0:4136:e378:8000:63bf:3fff:fdd2]|Teredo (2001::/32)",
        "[64:ff9b::a9fe:a9fe]|NAT64 (64:ff9b::/96, 64:ff9b:1::/48)",
        "[64:ff9b::808:808]|NAT64 (64:ff9b::/96, 64:ff9b:1::/48)",
        "[64:ff9b:1::a00:1]|NAT64 (64:ff9b::/96, 64:ff9b:1::/48)",
        "[64:ff9b:1:a9fe:a9:fe00::]|NAT64 (64:ff9b::/96, 64:ff9b:1::/48)",
        "[64:ff9b:1:a9fe:a9:fe00:808:808]|NAT64 (64:ff9b::/96, 64:ff9b:1::/48)",
        "intranet.firebell.test|private (RFC 1918)",
        "router.firebell.test|private (RFC 1918)",
        "metadata.firebell.test|cloud metadata",
        "mixed.firebell.test|private (RFC 1918)",
      })
  void refuses(String host, String addressClass) {
    assertThatThrownBy(() -> guard.resolve(host))
        .isInstanceOf(RefusedAddressException.class)
        .satisfies(
            e -> assertThat(((RefusedAddressException) e).addressClass()).isEqualTo(addressClass));
  }

  @ParameterizedTest(name = "{0} is an ambiguous IPv4 literal")
  @ValueSource(
      strings = {
        "012.0.0.7",
        "0127.0.0.1",
        "127.000.000.001",
        "127.1",
        "127.0.1",
        "10.1",
        "2130706433",
        "0x7f000001",
        "0x7f.0.0.1",
        "127.0.0.0x1",
        "0177.0.0.1",
        "1.2.3.4.5",
        "127.0.0.1.",
        "256.0.0.1",
        "93.184.215.014",
        "example.0x",
      })
  void refusesAmbiguousIpv4Literals(String host) {
    assertThat(OutboundGuard.ambiguousIpv4(host)).isTrue();
    assertThat(OutboundGuard.urlProblem("http://" + host + "/")).isNull();
    // Refused before any lookup, even where the allow-list would open what it might mean.
    assertThatThrownBy(() -> guard("0.0.0.0/0").resolve(host))
        .isInstanceOf(RefusedAddressException.class)
        .satisfies(
            e ->
                assertThat(((RefusedAddressException) e).addressClass())
                    .isEqualTo("ambiguous IPv4 literal"));
  }

  @ParameterizedTest(name = "{0} is not an ambiguous IPv4 literal")
  @ValueSource(
      strings = {
        "93.184.215.14",
        "8.8.8.8",
        "0.0.0.0",
        "255.255.255.255",
        "hooks.slack.com",
        "1e100.net",
        "0x.example.com",
        "example.com.",
        "[::1]",
        "[2001:db8::1]"
      })
  void canonicalLiteralsAndNamesAreNotAmbiguous(String host) {
    assertThat(OutboundGuard.ambiguousIpv4(host)).isFalse();
  }

  @Test
  void letsPublicAddressesThrough() throws Exception {
    assertThat(guard.resolve("public.firebell.test").getHostAddress()).isEqualTo("93.184.215.14");
    assertThat(guard.resolve("8.8.8.8").getHostAddress()).isEqualTo("8.8.8.8");
    assertThat(guard.resolve("172.32.0.1").getHostAddress()).isEqualTo("172.32.0.1");
    assertThat(guard.resolve("100.128.0.1").getHostAddress()).isEqualTo("100.128.0.1");
    assertThat(guard.resolve("192.0.3.1").getHostAddress()).isEqualTo("192.0.3.1");
    assertThat(guard.resolve("[2001:4860:4860::8888]")).isInstanceOf(InetAddress.class);
    assertThat(guard.resolve("[2001:200::1]")).isInstanceOf(InetAddress.class);
  }

  @Test
  void allowListOpensOnlyTheExactAddresses() throws Exception {
    assertThat(guard.resolve("127.0.0.1").getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(guard.resolve("localhost").getHostAddress()).isEqualTo("127.0.0.1");
    assertThatThrownBy(() -> strict.resolve("127.0.0.1"))
        .isInstanceOf(RefusedAddressException.class)
        .hasMessageContaining("loopback");
    // Mapped IPv6 stays refused even though 127.0.0.1 is allowed.
    assertThatThrownBy(() -> guard.resolve("[::ffff:127.0.0.1]"))
        .isInstanceOf(RefusedAddressException.class);
    OutboundGuard range = guard("10.20.30.0/24");
    assertThat(range.resolve("intranet.firebell.test").getHostAddress()).isEqualTo("10.20.30.40");
    assertThatThrownBy(() -> range.resolve("10.20.31.1"))
        .isInstanceOf(RefusedAddressException.class);
  }

  @ParameterizedTest(name = "allow-list {0} does not open {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "169.254.0.0/16|169.254.169.254",
        "0.0.0.0/0|169.254.169.254",
        "100.100.100.200/32|100.100.100.200",
        "192.0.0.0/24|192.0.0.192",
        "fd00::/8|[fd00:ec2::254]",
        "::/0|[fd00:ec2::254]",
        "::/0|[::ffff:169.254.169.254]",
        "2002::/16|[2002:a9fe:a9fe::1]",
        "64:ff9b::/96|[64:ff9b::a9fe:a9fe]",
        "2001::/32|[2001:0:4136:e378:8000:63bf:5601:5601]",
        "64:ff9b::/96|[64:ff9b::a00:1]",
      })
  void allowListNeverOpensMetadataNorTunnelsToRefusedAddresses(String allowed, String host) {
    assertThatThrownBy(() -> guard(allowed).resolve(host))
        .isInstanceOf(RefusedAddressException.class);
  }

  /**
   * 169.254.169.254 behind each NAT64 prefix, laid out as RFC 6052 does for its length: the
   * well-known /96 carries it in bits 96-127, the local-use /48 in bits 48-63 and 72-87 — where the
   * last 32 bits may say 8.8.8.8 (a suffix translators ignore).
   */
  @ParameterizedTest(name = "allow-list {0} does not open {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "64:ff9b::/96|[64:ff9b::a9fe:a9fe]",
        "64:ff9b::/96 169.254.0.0/16 0.0.0.0/0|[64:ff9b::a9fe:a9fe]",
        "64:ff9b:1::/48|[64:ff9b:1:a9fe:a9:fe00::]",
        "64:ff9b:1::/48|[64:ff9b:1:a9fe:a9:fe00:808:808]",
        "64:ff9b::/32|[64:ff9b:1:a9fe:a9:fe00:808:808]",
        "64:ff9b:1::/48 169.254.0.0/16 0.0.0.0/0|[64:ff9b:1:a9fe:a9:fe00::]",
        "64:ff9b:1::/48 0.0.0.0/0|[64:ff9b:1:6464:64:c800::]",
        // Not well-formed for its prefix, so a translator could read another IPv4 address in it:
        // a non-zero suffix, the reserved bits 64-71 set, or in neither recognised prefix.
        "64:ff9b:1::/48|[64:ff9b:1:808:8:800:0:1]",
        "64:ff9b:1::/48|[64:ff9b:1::808:808]",
        "64:ff9b:1::/48|[64:ff9b:1:808:108:800::]",
        "64:ff9b::/32|[64:ff9b:0:1::808:808]",
        "64:ff9b::/32|[64:ff9b:2:808:8:800::]",
      })
  void allowListNeverOpensMetadataThroughNat64(String allowed, String host) {
    assertThatThrownBy(() -> guard(allowed.split(" ")).resolve(host))
        .isInstanceOf(RefusedAddressException.class);
  }

  @Test
  void nat64AddressesLeadToTheIpv4AddressTheirPrefixEmbeds() throws Exception {
    assertThat(OutboundGuard.embeddedIpv4(InetAddress.getByName("64:ff9b::a9fe:a9fe")))
        .isEqualTo(InetAddress.getByName("169.254.169.254"));
    assertThat(OutboundGuard.embeddedIpv4(InetAddress.getByName("64:ff9b:1:a9fe:a9:fe00::")))
        .isEqualTo(InetAddress.getByName("169.254.169.254"));
    assertThat(OutboundGuard.embeddedIpv4(InetAddress.getByName("64:ff9b:1:808:8:800::")))
        .isEqualTo(InetAddress.getByName("8.8.8.8"));
    assertThat(OutboundGuard.embeddedIpv4(InetAddress.getByName("64:ff9b:1:a9fe:a9:fe00:808:808")))
        .isNull();
  }

  /** RFC 6052 section 2.4's table: 192.0.2.33 after a prefix of each length. */
  @ParameterizedTest(name = "/{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "32|2001:db8:c000:221::",
        "40|2001:db8:1c0:2:21::",
        "48|2001:db8:122:c000:2:2100::",
        "56|2001:db8:122:3c0:0:221::",
        "64|2001:db8:122:344:c0:2:2100:0",
        "96|2001:db8:122:344::192.0.2.33",
        "96|64:ff9b::192.0.2.33",
      })
  void readsRfc6052Layouts(int prefixLength, String address) throws Exception {
    assertThat(OutboundGuard.rfc6052(InetAddress.getByName(address).getAddress(), prefixLength))
        .containsExactly(192, 0, 2, 33);
  }

  @Test
  void allowListOpensTranslationAddressesOfPublicOrAllowedIpv4() throws Exception {
    // An IPv6-only cluster reaches public IPv4 receivers through NAT64.
    assertThat(guard("64:ff9b::/96").resolve("[64:ff9b::808:808]")).isInstanceOf(InetAddress.class);
    assertThat(guard("64:ff9b::/96", "10.0.0.0/8").resolve("[64:ff9b::a00:1]"))
        .isInstanceOf(InetAddress.class);
    assertThat(guard("2002::/16").resolve("[2002:808:808::1]")).isInstanceOf(InetAddress.class);
    assertThat(guard("64:ff9b:1::/48").resolve("[64:ff9b:1:808:8:800::]"))
        .isInstanceOf(InetAddress.class);
    assertThat(guard("64:ff9b:1::/48", "10.0.0.0/8").resolve("[64:ff9b:1:a00:0:100::]"))
        .isInstanceOf(InetAddress.class);
  }

  @Test
  void theJdkHonoursTheTestHostsFile() throws Exception {
    assertThat(System.getProperty("jdk.net.hosts.file")).endsWith("hosts");
    assertThat(InetAddress.getByName("intranet.firebell.test").getHostAddress())
        .isEqualTo("10.20.30.40");
  }

  @Test
  void urlProblems() {
    assertThat(OutboundGuard.urlProblem("https://hooks.slack.com/services/T/B/x")).isNull();
    assertThat(OutboundGuard.urlProblem("ftp://example.com/")).contains("http or https");
    assertThat(OutboundGuard.urlProblem("file:///etc/passwd")).contains("http or https");
    assertThat(OutboundGuard.urlProblem("https://user:pw@example.com/")).contains("credentials");
    assertThat(OutboundGuard.urlProblem("not a url")).isNotNull();
    assertThat(OutboundGuard.urlProblem("https:///nohost")).isNotNull();
  }
}
