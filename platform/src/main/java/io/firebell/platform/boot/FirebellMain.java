package io.firebell.platform.boot;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The entry point of every Firebell service. Before Quarkus starts it turns off Quarkus's own check
 * of the request line ({@value #URI_VALIDATION}): that check answers a URI {@link java.net.URI}
 * cannot parse — {@code %zz}, a lone {@code %}, raw non-ASCII bytes — with an empty 400 before any
 * Firebell code sees it. {@link io.firebell.platform.rest.RequestScreen} refuses the same requests
 * instead, with RFC 9457 problem+json (ADR 0040). Tests set the property through Surefire.
 */
@QuarkusMain
public final class FirebellMain {

  /** The system property Quarkus's HTTP root handler reads once, as its class loads. */
  public static final String URI_VALIDATION = "vertx.disableURIValidation";

  public static void main(String... args) {
    System.setProperty(URI_VALIDATION, "true");
    Quarkus.run(args);
  }
}
