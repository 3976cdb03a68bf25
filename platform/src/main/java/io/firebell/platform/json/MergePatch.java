package io.firebell.platform.json;

import com.fasterxml.jackson.databind.Module;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A request body with JSON merge-patch semantics (RFC 7396): a record with one {@link Patch}
 * component per field that can be changed. Unlike other request bodies, whose unknown fields are
 * ignored, a merge patch refuses a field it does not know, because a misspelt field would otherwise
 * look like a change that succeeded: the problem names the field and lists those that can be
 * changed, or for a field marked {@link ReadOnly} says where it changes instead. A body that is not
 * a JSON object is refused as well (see the service's problem mappers).
 */
public interface MergePatch {

  /** RFC 7396's media type, accepted beside {@code application/json}. */
  String MEDIA_TYPE = "application/merge-patch+json";

  /** A field of the resource that a patch cannot change, and where it changes instead. */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE)
  @Repeatable(ReadOnly.List.class)
  @interface ReadOnly {

    String field();

    /** Said to the client who sent the field, e.g. which endpoint changes it. */
    String hint();

    /** The container of several {@link ReadOnly} marks. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface List {
      ReadOnly[] value();
    }
  }

  /**
   * The Jackson module that refuses unknown fields of merge patches even where the ObjectMapper
   * ignores unknown fields (Quarkus' default, which every other request keeps).
   */
  static Module module() {
    return new MergePatchModule();
  }
}
