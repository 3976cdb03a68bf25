package io.firebell.broadcast.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SSRF guard on real resolution: literals, and names from the test hosts file
 * (src/test/resources/hosts, installed with -Djdk.net.hosts.file by surefire).
 */
class SsrfGuardTest {

  private final SsrfGuard guard = new SsrfGuard(() -> Optional.of(List.of("127.0.0.1/32")));
  private final SsrfGuard strict = new SsrfGuard(Optional::empty);

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
        "intranet.firebell.test|private (RFC 1918)",
        "router.firebell.test|private (RFC 1918)",
        "metadata.firebell.test|cloud metadata",
        "mixed.firebell.test|private (RFC 1918)",
      })
  void refuses(String host, String addressClass) {
    assertThatThrownBy(() -> guard.resolve(host))
        .isInstanceOf(SsrfGuard.RefusedAddressException.class)
        .satisfies(
            e ->
                assertThat(((SsrfGuard.RefusedAddressException) e).addressClass())
                    .isEqualTo(addressClass));
  }

  @Test
  void letsPublicAddressesThrough() throws Exception {
    assertThat(guard.resolve("public.firebell.test").getHostAddress()).isEqualTo("93.184.215.14");
    assertThat(guard.resolve("8.8.8.8").getHostAddress()).isEqualTo("8.8.8.8");
    assertThat(guard.resolve("172.32.0.1").getHostAddress()).isEqualTo("172.32.0.1");
    assertThat(guard.resolve("100.128.0.1").getHostAddress()).isEqualTo("100.128.0.1");
    assertThat(guard.resolve("[2001:4860:4860::8888]")).isInstanceOf(InetAddress.class);
  }

  @Test
  void allowListOpensOnlyTheExactAddresses() throws Exception {
    assertThat(guard.resolve("127.0.0.1").getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(guard.resolve("localhost").getHostAddress()).isEqualTo("127.0.0.1");
    assertThatThrownBy(() -> strict.resolve("127.0.0.1"))
        .isInstanceOf(SsrfGuard.RefusedAddressException.class)
        .hasMessageContaining("loopback");
    // Mapped IPv6 stays refused even though 127.0.0.1 is allowed.
    assertThatThrownBy(() -> guard.resolve("[::ffff:127.0.0.1]"))
        .isInstanceOf(SsrfGuard.RefusedAddressException.class);
    SsrfGuard range = new SsrfGuard(() -> Optional.of(List.of("10.20.30.0/24")));
    assertThat(range.resolve("intranet.firebell.test").getHostAddress()).isEqualTo("10.20.30.40");
    assertThatThrownBy(() -> range.resolve("10.20.31.1"))
        .isInstanceOf(SsrfGuard.RefusedAddressException.class);
  }

  @Test
  void theJdkHonoursTheTestHostsFile() throws Exception {
    assertThat(System.getProperty("jdk.net.hosts.file")).endsWith("hosts");
    assertThat(InetAddress.getByName("intranet.firebell.test").getHostAddress())
        .isEqualTo("10.20.30.40");
  }

  @Test
  void urlProblems() {
    assertThat(SsrfGuard.urlProblem("https://hooks.slack.com/services/T/B/x")).isNull();
    assertThat(SsrfGuard.urlProblem("ftp://example.com/")).contains("http or https");
    assertThat(SsrfGuard.urlProblem("file:///etc/passwd")).contains("http or https");
    assertThat(SsrfGuard.urlProblem("https://user:pw@example.com/")).contains("credentials");
    assertThat(SsrfGuard.urlProblem("not a url")).isNotNull();
    assertThat(SsrfGuard.urlProblem("https:///nohost")).isNotNull();
  }
}
