package io.firebell.platform.integration;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A presented integration token ({@code fbi_…}), before it is checked. */
public final class IntegrationTokenRequest extends BaseAuthenticationRequest {

  private final String token;

  public IntegrationTokenRequest(String token) {
    this.token = token;
  }

  public String token() {
    return token;
  }
}
