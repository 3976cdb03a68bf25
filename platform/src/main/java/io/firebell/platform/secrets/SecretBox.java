package io.firebell.platform.secrets;

import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Encrypts the secrets a service keeps (webhook signing secrets) with AES-256-GCM under a key from
 * the environment, so that a copy of the database alone reveals none of them.
 *
 * <p>{@code firebell.secrets.keys} (env {@code FIREBELL_SECRETS_KEYS}) lists base64 32-byte keys,
 * comma-separated: the first encrypts, every one decrypts. A sealed value is {@code enc:v1:<key
 * id>:<base64 of the 12-byte nonce and the ciphertext with its tag>}, the key id being the first 8
 * hex digits of the key's SHA-256, so a value names the key it needs and a rotation
 * (docs/deploy.md) can keep old values readable until they are sealed again (ADR 0030).
 */
@Singleton
public class SecretBox {

  public static final String PREFIX = "enc:v1:";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private record Key(String id, SecretKeySpec spec) {}

  private final List<Key> keys;
  private final SecureRandom random = new SecureRandom();

  public SecretBox(@ConfigProperty(name = "firebell.secrets.keys") Optional<List<String>> keys) {
    List<String> configured = keys.orElse(List.of());
    if (configured.isEmpty()) {
      throw new IllegalStateException(
          "firebell.secrets.keys (FIREBELL_SECRETS_KEYS) is not set: this service encrypts"
              + " webhook secrets at rest and needs a base64 AES-256 key, e.g. from `openssl rand"
              + " -base64 32` (docs/deploy.md, \"Secrets key\")");
    }
    List<Key> parsed = new ArrayList<>();
    for (String encoded : configured) {
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(encoded.trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("firebell.secrets.keys: a key is not base64", e);
      }
      if (bytes.length != 32) {
        throw new IllegalStateException(
            "firebell.secrets.keys: a key has " + bytes.length + " bytes; AES-256 needs 32");
      }
      parsed.add(new Key(keyId(bytes), new SecretKeySpec(bytes, "AES")));
    }
    this.keys = List.copyOf(parsed);
  }

  /** The id of the key that encrypts. */
  public String currentKeyId() {
    return keys.get(0).id();
  }

  /** True when {@code stored} is sealed with the current key (nothing to re-encrypt). */
  public boolean isCurrent(String stored) {
    return stored == null || stored.startsWith(PREFIX + currentKeyId() + ":");
  }

  /** {@code plaintext} sealed with the current key; null stays null. */
  public String seal(String plaintext) {
    if (plaintext == null) {
      return null;
    }
    Key key = keys.get(0);
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, nonce));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      ByteBuffer out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed);
      return PREFIX + key.id() + ":" + Base64.getEncoder().encodeToString(out.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }

  /**
   * The plaintext of a sealed value; null stays null. A value without the prefix is plaintext
   * written before encryption at rest (SecretResealer seals it at the next start).
   */
  public String open(String stored) {
    if (stored == null || !stored.startsWith(PREFIX)) {
      return stored;
    }
    int colon = stored.indexOf(':', PREFIX.length());
    if (colon < 0) {
      throw new IllegalStateException("a sealed secret without a key id");
    }
    String id = stored.substring(PREFIX.length(), colon);
    Key key =
        keys.stream()
            .filter(k -> k.id().equals(id))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "a secret is sealed with key "
                            + id
                            + ", which firebell.secrets.keys does not hold (a rotation dropped"
                            + " it too early?)"));
    byte[] in = Base64.getDecoder().decode(stored.substring(colon + 1));
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a sealed secret does not decrypt with key " + id, e);
    }
  }

  static String keyId(byte[] key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
