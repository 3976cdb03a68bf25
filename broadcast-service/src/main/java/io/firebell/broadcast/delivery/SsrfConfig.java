package io.firebell.broadcast.delivery;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** {@code firebell.broadcast.ssrf.*}: what the SSRF guard lets through after all. */
@ConfigMapping(prefix = "firebell.broadcast.ssrf")
public interface SsrfConfig {

  /**
   * CIDRs (e.g. {@code 127.0.0.1/32,10.1.2.0/24}) whose addresses are allowed although their class
   * is refused. IPv4-mapped and IPv4-compatible IPv6 literals are never allowed.
   */
  Optional<List<String>> allowList();
}
