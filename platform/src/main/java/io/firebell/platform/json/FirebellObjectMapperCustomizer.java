package io.firebell.platform.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** Firebell's additions to the ObjectMapper Quarkus configures for every service. */
@Singleton
public class FirebellObjectMapperCustomizer implements ObjectMapperCustomizer {

  @Override
  public int priority() {
    // After Quarkus' own customizers (which register the JavaTimeModule), so ours win.
    return MINIMUM_PRIORITY;
  }

  @Override
  public void customize(ObjectMapper mapper) {
    mapper.registerModule(FastIsoTimes.module());
    mapper.registerModule(MergePatch.module());
    mapper.registerModule(StorableStrings.module());
    mapper.getFactory().setInputDecorator(new StrictUtf8());
    // "{}]" is not JSON: without this Jackson reads the first value and ignores the rest.
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }
}
