package io.firebell.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, item 11: the {@code %dev} profile (quarkus:dev) never trusts the JWT key committed to
 * the repository — anyone could sign a token with its private half. Reads each service's effective
 * configuration for profile {@code dev} (platform's microprofile-config.properties under the
 * service's application.properties, as Quarkus orders them) and checks that the verification key is
 * the launcher's generated one, under the git-ignored {@code .firebell/}.
 */
class DevProfileKeyTest {

  /** Surefire runs in the module's directory. */
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private static final Path STATE = ROOT.resolve(".firebell");
  private static final Path TEST_KEYS = ROOT.resolve("platform/src/test/resources");

  private static final List<String> SERVICES =
      List.of("detection-service", "incident-service", "broadcast-service", "review-service");

  /** Where smallrye-jwt takes a key from as the value itself: a committed key by definition. */
  private static final List<String> INLINE_KEYS =
      List.of("mp.jwt.verify.publickey", "smallrye.jwt.verify.key");

  /** Where smallrye-jwt takes a verification key from by location. */
  private static final List<String> KEY_LOCATIONS =
      List.of("mp.jwt.verify.publickey.location", "smallrye.jwt.verify.key.location");

  @Test
  void devModeVerifiesTokensWithTheLaunchersGeneratedKeyOnly() throws Exception {
    assertThat(Files.readAllLines(ROOT.resolve(".gitignore")))
        .as("the launcher's state (.firebell/keys) is never committed")
        .contains(".firebell/");
    for (String service : SERVICES) {
      Path module = ROOT.resolve(service);
      SmallRyeConfig dev = devConfig(module);
      for (String inline : INLINE_KEYS) {
        assertThat(dev.getOptionalValue(inline, String.class))
            .as("%s: %%dev %s (a key written into committed config)", service, inline)
            .isEmpty();
      }
      Optional<String> location = dev.getOptionalValue(KEY_LOCATIONS.get(0), String.class);
      assertThat(location).as("%s: %%dev %s", service, KEY_LOCATIONS.get(0)).isPresent();
      for (String property : KEY_LOCATIONS) {
        Optional<String> value = dev.getOptionalValue(property, String.class);
        if (value.isEmpty()) {
          continue;
        }
        String what = service + ": %dev " + property + "=" + value.get();
        // A classpath location is a file in the repository (test resources are on dev mode's
        // classpath too); quarkus:dev runs in the module's directory.
        assertThat(value.get()).as(what).startsWith("file:");
        Path key = module.resolve(value.get().substring("file:".length())).normalize();
        assertThat(key).as(what).startsWithRaw(STATE);
        if (Files.exists(key)) {
          assertThat(Files.readString(key).strip())
              .as(what + " holds the committed test key")
              .isNotEqualTo(
                  Files.readString(TEST_KEYS.resolve("firebell-test-jwt-public.pem")).strip());
        }
      }
    }
  }

  @Test
  void theConsoleSignsDevTokensWithTheLaunchersGeneratedKeyOnly() throws Exception {
    Path module = ROOT.resolve("console");
    String location =
        devConfig(module).getValue("firebell.console.signing-key.location", String.class);
    Path key = module.resolve(location.replaceFirst("^file:", "")).normalize();
    assertThat(key).as("console: %dev signing key " + location).startsWithRaw(STATE);
  }

  /** The module's configuration for profile dev, from the committed files only. */
  private static SmallRyeConfig devConfig(Path module) throws Exception {
    return new SmallRyeConfigBuilder()
        .withProfile("dev")
        .withSources(
            new PropertiesConfigSource(
                ROOT.resolve("platform/src/main/resources/META-INF/microprofile-config.properties")
                    .toUri()
                    .toURL(),
                100),
            new PropertiesConfigSource(
                module.resolve("src/main/resources/application.properties").toUri().toURL(), 250))
        .build();
  }
}
