package io.firebell.systemtests;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** RS256 JWTs signed with the test key that the services under test are told to trust. */
final class Tokens {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private final PrivateKey key;

  Tokens(Path privateKeyPem) throws Exception {
    String pem =
        Files.readString(privateKeyPem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    key =
        KeyFactory.getInstance("RSA")
            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
  }

  String bearer(String person, String role) throws Exception {
    long now = Instant.now().getEpochSecond();
    String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
    String claims =
        String.format(
            "{\"iss\":\"firebell\",\"sub\":\"%1$s@firebell.test\",\"upn\":\"%1$s@firebell.test\",\"groups\":[\"%2$s\"],\"iat\":%3$d,\"exp\":%4$d,\"jti\":\"%5$s\"}",
            person, role, now, now + 3600, UUID.randomUUID());
    String signingInput =
        B64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initSign(key);
    rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return "Bearer " + signingInput + "." + B64.encodeToString(rsa.sign());
  }
}
