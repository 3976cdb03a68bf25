-- Webhook signing secrets are stored sealed (AES-256-GCM, "enc:v1:<key id>:…", platform SecretBox).
-- NOT VALID: rows written before encryption at rest are sealed by SecretResealer at start; from now
-- on no insert or update can store plaintext.
alter table endpoint
    add constraint endpoint_secret_sealed check (secret is null or secret like 'enc:v1:%') not valid,
    add constraint endpoint_previous_secret_sealed
        check (previous_secret is null or previous_secret like 'enc:v1:%') not valid;
