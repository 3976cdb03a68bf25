package io.firebell.client;

import static io.firebell.client.Http.map;

/**
 * Monitoring integrations of detection-service, created as admin: each has a token of its own that
 * its tool presents when it sends alerts. The demo, the benchmarks, the system tests and the
 * launcher's bootstrap all create theirs here.
 */
public final class Integrations {

  /** The path that answers 200 to a token detection-service accepts. */
  public static final String WHOAMI_PATH = "/v1/integrations/me";

  private final Http http;
  private final String detection;
  private final String adminToken;

  /**
   * @param detection detection-service's base URL
   * @param adminToken an admin's JWT (with or without the {@code Bearer } prefix)
   */
  public Integrations(Http http, String detection, String adminToken) {
    this.http = http;
    this.detection = detection;
    this.adminToken = adminToken.startsWith("Bearer ") ? adminToken.substring(7) : adminToken;
  }

  /** The integrations of {@code suite}'s detection-service, created with its admin token. */
  public static Integrations of(Suite suite) {
    return new Integrations(new Http(), suite.detection(), suite.token("admin"));
  }

  /**
   * Creates an integration of {@code kind} ({@code alertmanager}, {@code pagerduty}, {@code
   * native}…) named {@code name} and returns its token, which detection-service shows only once.
   */
  public String create(String name, String kind) {
    return post(name, kind).expect(201).text("token");
  }

  /** The answer to creating the integration, whatever it is (the launcher reports it). */
  public Http.Response post(String name, String kind) {
    return http.post(detection + "/v1/integrations", adminToken, map("name", name, "kind", kind));
  }

  /** Whether detection-service accepts {@code token} as an integration's. */
  public boolean accepts(String token) {
    return http.get(detection + WHOAMI_PATH, token).status() == 200;
  }
}
