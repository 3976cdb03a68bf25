package io.firebell.review.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.platform.events.IncomingEvent;
import java.io.IOException;

/**
 * Fields a producer may add to an event before review-service's contracts record knows them (the
 * contracts change additively): read from the raw data when present, null when absent.
 */
final class OptionalFields {

  private OptionalFields() {}

  static String text(ObjectMapper mapper, IncomingEvent event, String field) {
    try {
      JsonNode value = mapper.readTree(event.data()).get(field);
      return value == null || !value.isTextual() || value.asText().isBlank()
          ? null
          : value.asText();
    } catch (IOException e) {
      // The record binding already accepted the data; a field that cannot be read is absent.
      return null;
    }
  }
}
