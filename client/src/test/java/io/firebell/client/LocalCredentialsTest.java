package io.firebell.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCredentialsTest {

  @TempDir Path dir;

  @Test
  void mintsOneSignedTokenPerRoleInTheDocumentedFormatAndKeepsTheIntegrationToken()
      throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    Path pem = dir.resolve("jwt-private.pem");
    Files.writeString(
        pem,
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
    Path file = dir.resolve("credentials.env");
    Files.writeString(
        file,
        "# Monitoring integration token (detection-service, Authorization: Bearer).\n"
            + "FIREBELL_INTEGRATION_TOKEN=fbi_kept\n");

    LocalCredentials.mint(
        file,
        JwtMinter.fromPem(pem),
        ".firebell/keys/jwt-private.pem",
        Instant.parse("2026-01-02T03:04:05.678Z"));

    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines.subList(0, 3))
        .containsExactly(
            "# Firebell local credentials, written by ./firebell up at 2026-01-02T03:04:05Z.",
            "# Load them with: set -a; . .firebell/credentials.env; set +a",
            "# JWTs (RS256, key .firebell/keys/jwt-private.pem, iss and aud \"firebell\"), valid until"
                + " 2026-02-01T03:04:05Z; ./firebell up re-mints them.");
    assertThat(lines.subList(3, 8))
        .extracting(l -> l.substring(0, l.indexOf('=')))
        .containsExactly(
            "FIREBELL_TOKEN_VIEWER",
            "FIREBELL_TOKEN_RESPONDER",
            "FIREBELL_TOKEN_COMMUNICATOR",
            "FIREBELL_TOKEN_REVIEWER",
            "FIREBELL_TOKEN_ADMIN");
    assertThat(lines.get(8)).startsWith("# Console sign-in at http://127.0.0.1:8080");
    assertThat(lines.get(9)).isEqualTo("FIREBELL_CONSOLE_URL=http://127.0.0.1:8080");
    assertThat(lines.subList(10, 17))
        .extracting(l -> l.substring(0, l.indexOf('=')))
        .containsExactly(
            "FIREBELL_CONSOLE_PASSWORD_VIEWER",
            "FIREBELL_CONSOLE_PASSWORD_RESPONDER",
            "FIREBELL_CONSOLE_PASSWORD_COMMUNICATOR",
            "FIREBELL_CONSOLE_PASSWORD_REVIEWER",
            "FIREBELL_CONSOLE_PASSWORD_ADMIN",
            "FIREBELL_CONSOLE_PASSWORD_MINA_PARK",
            "FIREBELL_CONSOLE_PASSWORD_JOON_KIM");
    assertThat(lines.subList(10, 17))
        .allSatisfy(
            l -> assertThat(l.substring(l.indexOf('=') + 1)).hasSizeGreaterThanOrEqualTo(12));
    assertThat(lines.subList(17, 19))
        .containsExactly(
            "# Monitoring integration token (detection-service, Authorization: Bearer).",
            "FIREBELL_INTEGRATION_TOKEN=fbi_kept");
    // The console's bootstrap accounts: made once (mode 600), the same passwords on the next mint.
    Path accounts = dir.resolve(LocalCredentials.CONSOLE_ACCOUNTS_FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(accounts)))
        .isEqualTo("rw-------");
    assertThat(Files.readAllLines(accounts, StandardCharsets.UTF_8))
        .filteredOn(l -> !l.startsWith("#"))
        .hasSize(7)
        .anySatisfy(l -> assertThat(l).startsWith("joon.kim\tJoon Kim\tresponder,communicator\t"));
    LocalCredentials.mint(
        file, JwtMinter.fromPem(pem), ".firebell/keys/jwt-private.pem", Instant.now());
    assertThat(Files.readAllLines(file, StandardCharsets.UTF_8))
        .filteredOn(l -> l.startsWith("FIREBELL_CONSOLE_PASSWORD_"))
        .containsExactlyElementsOf(lines.subList(10, 17));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");

    String admin = lines.get(7).substring("FIREBELL_TOKEN_ADMIN=".length());
    String[] parts = admin.split("\\.");
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(keys.getPublic());
    rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(rsa.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    JsonNode header = Http.JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
    assertThat(header.path("kid").asText()).isEqualTo("firebell-local");
    JsonNode claims = Http.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    assertThat(claims.path("iss").asText()).isEqualTo("firebell");
    assertThat(claims.path("aud").asText()).isEqualTo("firebell");
    assertThat(claims.path("upn").asText()).isEqualTo("local-admin@firebell.local");
    assertThat(claims.path("preferred_username").asText()).isEqualTo("local-admin");
    assertThat(claims.path("groups").toString())
        .isEqualTo("[\"admin\",\"viewer\",\"responder\",\"communicator\",\"reviewer\"]");
    assertThat(claims.path("exp").asLong() - claims.path("iat").asLong())
        .isEqualTo(30L * 24 * 3600);
  }
}
