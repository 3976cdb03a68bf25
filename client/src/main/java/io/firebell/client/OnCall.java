package io.firebell.client;

import static io.firebell.client.Http.map;

import java.util.List;
import java.util.Map;

/**
 * Who is paged, set up in detection-service as admin: people with their page webhooks, escalation
 * policies and the domains that use them. The demo and the storm benchmark set up theirs here.
 *
 * @param detection detection-service's base URL
 * @param adminToken an admin's JWT
 */
public record OnCall(Http http, String detection, String adminToken) {

  /**
   * Creates or replaces the person {@code id} whose pages go to {@code webhookUrl}; returns the
   * secret detection-service signs those pages with.
   */
  public String person(String id, String name, String webhookUrl) {
    return http.put(
            detection + "/v1/people/" + id, adminToken, map("name", name, "webhookUrl", webhookUrl))
        .expect(200, 201)
        .text("webhookSecret");
  }

  /**
   * One level of an escalation policy: {@code targetType} is {@code person} or {@code schedule}.
   */
  public static Map<String, Object> level(String targetType, String target, int ackTimeoutSeconds) {
    return map("targetType", targetType, "target", target, "ackTimeoutSeconds", ackTimeoutSeconds);
  }

  /** Creates an escalation policy and returns its id. */
  public String policy(String name, List<Map<String, Object>> levels, int repeatCount) {
    return http.post(
            detection + "/v1/escalation-policies",
            adminToken,
            map("name", name, "levels", levels, "repeatCount", repeatCount))
        .expect(201)
        .text("id");
  }

  /** Creates or replaces the domain {@code name}, escalated by the policy {@code policyId}. */
  public void domain(String name, String description, String policyId) {
    http.put(
            detection + "/v1/domains/" + name,
            adminToken,
            map("description", description, "escalationPolicyId", policyId))
        .expect(200, 201);
  }
}
