package io.firebell.platform.outbound;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** {@code firebell.outbound.*}: what the outbound guard lets through, and how much it reads. */
@ConfigMapping(prefix = "firebell.outbound")
public interface OutboundConfig {

  /**
   * CIDRs (e.g. {@code 127.0.0.1/32,10.1.2.0/24}) whose addresses are allowed although their class
   * is refused. Never unlocks a cloud metadata address, nor an IPv4-mapped or IPv4-compatible IPv6
   * literal; an allow-listed 6to4, Teredo or NAT64 address passes only if the IPv4 address inside
   * it would.
   */
  Optional<List<String>> allowList();

  /**
   * The most response-body bytes read from a receiver; the connection is closed past it and the
   * rest is never read. Firebell only needs the status of an answer.
   */
  @WithDefault("16384")
  int maxResponseBytes();
}
