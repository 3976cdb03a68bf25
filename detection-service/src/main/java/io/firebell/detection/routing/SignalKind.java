package io.firebell.detection.routing;

import java.util.List;

/** The kinds of signal of DESIGN §1.1. */
public final class SignalKind {
  public static final String SYSTEM = "system";
  public static final String BUSINESS = "business";
  public static final String EXTERNAL_INTEGRATION = "external_integration";
  public static final String CS_INQUIRY = "cs_inquiry";
  public static final List<String> ALL =
      List.of(SYSTEM, BUSINESS, EXTERNAL_INTEGRATION, CS_INQUIRY);

  private SignalKind() {}
}
