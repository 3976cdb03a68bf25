package io.firebell.broadcast.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Settings of what broadcast-service says and shows: the jargon policy of service-register texts,
 * the time zone of rendered times, and the public status page.
 */
@ConfigMapping(prefix = "firebell.broadcast")
public interface CommsConfig {

  /** Whether glossary findings in service-register text only warn or block the update (422). */
  @WithName("jargon-policy")
  @WithDefault("warn")
  JargonPolicy jargonPolicy();

  /** The time zone in which texts show times (e.g. Asia/Seoul); the JSON always carries UTC. */
  @WithName("time-zone")
  @WithDefault("UTC")
  ZoneId timeZone();

  Status status();

  interface Status {

    /** The public URL of the status page, linked from every message. */
    @WithDefault("http://127.0.0.1:8083/status")
    String url();

    /** The page's name in the HTML, the feed and the Statuspage-compatible JSON. */
    @WithName("page-name")
    @WithDefault("Firebell status")
    String pageName();

    /** Components always listed, besides the services of public incidents. */
    Optional<List<String>> components();

    /** How long a resolved incident stays on the page. */
    @WithName("resolved-window")
    @WithDefault("P14D")
    java.time.Duration resolvedWindow();
  }

  enum JargonPolicy {
    WARN,
    BLOCK
  }
}
