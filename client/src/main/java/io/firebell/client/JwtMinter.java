package io.firebell.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * RS256 JWTs with issuer and audience {@code firebell} (what the services verify by default),
 * signed with a PKCS#8 PEM private key: the test key the services trust in tests ({@code
 * platform/src/test/resources/firebell-test-jwt-private.pem}) or the local suite's key ({@code
 * .firebell/keys}). Tests, system tests, benchmarks and the launcher mint their tokens here.
 */
public final class JwtMinter {

  /**
   * The claims of one token: the person, their roles and when it is valid ({@code notBefore} null:
   * no {@code nbf} claim).
   */
  public record Claims(
      String subject,
      String preferredUsername,
      Collection<String> groups,
      Instant issuedAt,
      Instant expiresAt,
      Instant notBefore) {

    public Claims(
        String subject,
        String preferredUsername,
        Collection<String> groups,
        Instant issuedAt,
        Instant expiresAt) {
      this(subject, preferredUsername, groups, issuedAt, expiresAt, null);
    }

    /** {@code person@firebell.test} with {@code roles}, valid for an hour from now. */
    public static Claims testPerson(String person, String... roles) {
      Instant now = Instant.now();
      return new Claims(
          person + "@firebell.test", person, List.of(roles), now, now.plus(Duration.ofHours(1)));
    }
  }

  /** Where the test key lies in a checkout (its public half is what services trust in tests). */
  public static final String TEST_KEY = "platform/src/test/resources/firebell-test-jwt-private.pem";

  /** The issuer and the audience the services expect unless configured otherwise. */
  public static final String FIREBELL = "firebell";

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final PrivateKey key;
  private final String keyId;
  private final String issuer;
  private final String audience;

  private JwtMinter(PrivateKey key, String keyId, String issuer, String audience) {
    this.key = key;
    this.keyId = keyId;
    this.issuer = issuer;
    this.audience = audience;
  }

  /** A minter signing with the PEM key in {@code file}. */
  public static JwtMinter fromPem(Path file) {
    try {
      return fromPem(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A minter signing with the test key of the checkout at {@code root}. */
  public static JwtMinter testKey(Path root) {
    return fromPem(root.resolve(TEST_KEY));
  }

  /** A minter signing with the PEM key at {@code resource} on the class path. */
  public static JwtMinter fromClasspath(String resource) {
    try (InputStream in = JwtMinter.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no " + resource + " on the class path");
      }
      return fromPem(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JwtMinter fromPem(String pem) {
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    try {
      return new JwtMinter(
          KeyFactory.getInstance("RSA")
              .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64))),
          null,
          FIREBELL,
          FIREBELL);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a PKCS#8 RSA private key", e);
    }
  }

  /**
   * This minter, naming its key in every token's header by its RFC 7638 thumbprint: the {@code kid}
   * that {@link #publicJwk()} publishes.
   */
  public JwtMinter withThumbprintKeyId() {
    return withKeyId(thumbprint());
  }

  /** The key id tokens carry, or null. */
  public String keyId() {
    return keyId;
  }

  /**
   * The public half of the signing key as a JSON Web Key ({@code kty}, {@code n}, {@code e}, {@code
   * kid}, {@code use} sig, {@code alg} RS256): what a JWKS document lists so that services can
   * check this minter's tokens.
   */
  public ObjectNode publicJwk() {
    RSAPublicKey pub = publicKey();
    ObjectNode jwk =
        Http.JSON
            .createObjectNode()
            .put("kty", "RSA")
            .put("use", "sig")
            .put("alg", "RS256")
            .put("n", encode(unsigned(pub.getModulus())))
            .put("e", encode(unsigned(pub.getPublicExponent())));
    jwk.put("kid", keyId != null ? keyId : thumbprint());
    return jwk;
  }

  /** The RSA public key of the signing key (from its CRT parameters). */
  public RSAPublicKey publicKey() {
    if (!(key instanceof RSAPrivateCrtKey crt)) {
      throw new IllegalStateException("the signing key has no public parameters");
    }
    try {
      return (RSAPublicKey)
          KeyFactory.getInstance("RSA")
              .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The RFC 7638 SHA-256 thumbprint of the public key, base64url. */
  public String thumbprint() {
    RSAPublicKey pub = publicKey();
    String canonical =
        "{\"e\":\""
            + encode(unsigned(pub.getPublicExponent()))
            + "\",\"kty\":\"RSA\",\"n\":\""
            + encode(unsigned(pub.getModulus()))
            + "\"}";
    try {
      return encode(
          MessageDigest.getInstance("SHA-256")
              .digest(canonical.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }

  /** This minter, naming its key {@code kid} in every token's header. */
  public JwtMinter withKeyId(String kid) {
    return new JwtMinter(key, kid, issuer, audience);
  }

  /** This minter, with {@code iss} set to {@code issuer}. */
  public JwtMinter withIssuer(String issuer) {
    return new JwtMinter(key, keyId, issuer, audience);
  }

  /** This minter, with {@code aud} set to {@code audience} (null: tokens carry no audience). */
  public JwtMinter withAudience(String audience) {
    return new JwtMinter(key, keyId, issuer, audience);
  }

  /** A token for {@code person@firebell.test} holding {@code roles}, valid for an hour. */
  public String mint(String person, String... roles) {
    return mint(Claims.testPerson(person, roles));
  }

  /** The same, as an {@code Authorization} header value. */
  public String bearer(String person, String... roles) {
    return "Bearer " + mint(person, roles);
  }

  /**
   * A signed token: {@code iss} and {@code aud} (firebell unless changed), {@code sub} and {@code
   * upn} the subject, {@code preferred_username} when given, {@code groups}, {@code iat}, {@code
   * exp}, {@code nbf} when given and a random {@code jti}.
   */
  public String mint(Claims claims) {
    ObjectNode header = Http.JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT");
    if (keyId != null) {
      header.put("kid", keyId);
    }
    ObjectNode payload =
        Http.JSON
            .createObjectNode()
            .put("iss", issuer)
            .put("sub", claims.subject())
            .put("upn", claims.subject());
    if (audience != null) {
      payload.put("aud", audience);
    }
    if (claims.preferredUsername() != null) {
      payload.put("preferred_username", claims.preferredUsername());
    }
    if (audience != null) {
      payload.put("aud", audience);
    }
    claims.groups().forEach(payload.putArray("groups")::add);
    payload
        .put("iat", claims.issuedAt().getEpochSecond())
        .put("exp", claims.expiresAt().getEpochSecond())
        .put("jti", UUID.randomUUID().toString());
    if (claims.notBefore() != null) {
      payload.put("nbf", claims.notBefore().getEpochSecond());
    }
    try {
      String input =
          encode(Http.JSON.writeValueAsBytes(header))
              + "."
              + encode(Http.JSON.writeValueAsBytes(payload));
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(key);
      rsa.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + encode(rsa.sign());
    } catch (JsonProcessingException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a JWT", e);
    }
  }

  private static String encode(byte[] bytes) {
    return B64.encodeToString(bytes);
  }
}
