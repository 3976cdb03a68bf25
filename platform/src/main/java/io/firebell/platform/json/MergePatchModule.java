package io.firebell.platform.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * Refuses unknown fields of {@link MergePatch} bodies. A problem handler is asked about every
 * unknown field before the ObjectMapper's own setting is, so it can refuse where that setting says
 * ignore; for every other type it leaves the decision to the setting.
 */
final class MergePatchModule extends SimpleModule {

  MergePatchModule() {
    super("firebell-merge-patch");
  }

  @Override
  public void setupModule(SetupContext context) {
    super.setupModule(context);
    context.addDeserializationProblemHandler(new UnknownFieldRefusal());
  }

  private static final class UnknownFieldRefusal extends DeserializationProblemHandler {

    @Override
    public boolean handleUnknownProperty(
        DeserializationContext ctxt,
        JsonParser p,
        JsonDeserializer<?> deserializer,
        Object beanOrClass,
        String propertyName)
        throws IOException {
      Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
      if (!MergePatch.class.isAssignableFrom(type)) {
        return false;
      }
      throw UnrecognizedPropertyException.from(
          p,
          beanOrClass,
          propertyName,
          deserializer == null ? null : deserializer.getKnownPropertyNames());
    }
  }
}
