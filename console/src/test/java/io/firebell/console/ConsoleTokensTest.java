package io.firebell.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.console.People.Person;
import io.firebell.console.auth.ConsoleTokens;
import io.firebell.console.auth.Role;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the console publishes and sends: the JWKS the services verify people's tokens with, the
 * tokens themselves, the security headers of every answer, and a page whose service does not
 * answer.
 */
@QuarkusTest
class ConsoleTokensTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Decoder B64URL = Base64.getUrlDecoder();

  @Inject People people;
  @Inject ConsoleTokens tokens;

  @Test
  void theJwksServesOneRsaKeyThatVerifiesTheConsolesTokens() throws Exception {
    Response r = given().get("/.well-known/jwks.json");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("application/jwk-set+json");
    JsonNode keys = JSON.readTree(r.body().asString()).path("keys");
    assertThat(keys).hasSize(1);
    JsonNode jwk = keys.get(0);
    assertThat(jwk.path("kty").asText()).isEqualTo("RSA");
    assertThat(jwk.path("alg").asText()).isEqualTo("RS256");
    assertThat(jwk.path("use").asText()).isEqualTo("sig");
    assertThat(jwk.has("d")).as("no private part").isFalse();

    String token = tokens.tokenFor("mina.park", List.of("responder", "reviewer"));
    String[] parts = token.split("\\.");
    assertThat(parts).hasSize(3);
    JsonNode header = JSON.readTree(B64URL.decode(parts[0]));
    JsonNode claims = JSON.readTree(B64URL.decode(parts[1]));
    assertThat(header.path("alg").asText()).isEqualTo("RS256");
    assertThat(header.path("kid").asText()).isEqualTo(jwk.path("kid").asText()).isNotBlank();
    assertThat(claims.path("iss").asText()).isEqualTo("firebell");
    assertThat(claims.path("aud").asText()).isEqualTo("firebell");
    assertThat(claims.path("sub").asText()).isEqualTo("mina.park");
    assertThat(claims.path("groups"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("responder", "reviewer");
    long now = Instant.now().getEpochSecond();
    assertThat(claims.path("exp").asLong()).isBetween(now + 60, now + 5 * 60 + 5);

    PublicKey key =
        KeyFactory.getInstance("RSA")
            .generatePublic(
                new RSAPublicKeySpec(
                    new BigInteger(1, B64URL.decode(jwk.path("n").asText())),
                    new BigInteger(1, B64URL.decode(jwk.path("e").asText()))));
    byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
    assertThat(verifies(key, signed, B64URL.decode(parts[2]))).isTrue();
    // The check can fail: the same signature over other claims does not verify.
    byte[] other =
        (parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "xx")
            .getBytes(StandardCharsets.US_ASCII);
    assertThat(verifies(key, other, B64URL.decode(parts[2]))).isFalse();
  }

  private static boolean verifies(PublicKey key, byte[] signed, byte[] signature) throws Exception {
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initVerify(key);
    rs256.update(signed);
    return rs256.verify(signature);
  }

  @Test
  void everyAnswerCarriesTheContentSecurityPolicyAndRefusesFraming() {
    Person viewer = people.signedIn("viewer", Role.VIEWER);
    List<Response> answers =
        List.of(
            given().get("/sign-in"),
            given().redirects().follow(false).get("/incidents"),
            People.get(viewer, "/incidents"),
            People.get(viewer, "/static/console.css"),
            given().get("/.well-known/jwks.json"),
            given()
                .redirects()
                .follow(false)
                .cookie("firebell_session", viewer.cookie())
                .formParam("title", "x")
                .post("/incidents"));

    for (Response r : answers) {
      String csp = r.header("Content-Security-Policy");
      assertThat(csp).as("status %d", r.statusCode()).isNotNull();
      assertThat(csp.split(";\\s*"))
          .contains("script-src 'self'", "object-src 'none'", "frame-ancestors 'none'");
      assertThat(csp).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
      assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
      assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }
    assertThat(People.get(viewer, "/incidents").header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void aPageWhoseServiceDoesNotAnswerIs503InWordsNeverA500() {
    Person viewer = people.signedIn("viewer", Role.VIEWER);

    for (String path :
        List.of(
            "/incidents", "/incidents?status=open&severity=SEV1", "/incidents/list?status=open")) {
      Response r = People.get(viewer, path);
      assertThat(r.statusCode()).as(path).isEqualTo(503);
      assertThat(r.contentType()).as(path).startsWith("text/html");
      assertThat(r.body().asString())
          .as(path)
          .contains("A Firebell service is not answering")
          .contains("Try again in a moment")
          .doesNotContain("ServiceProblem")
          .doesNotContain("\tat ");
    }
  }
}
