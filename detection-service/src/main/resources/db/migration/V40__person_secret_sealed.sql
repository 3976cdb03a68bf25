-- People's paging-webhook secrets are stored sealed (AES-256-GCM, "enc:v1:<key id>:…", platform
-- SecretBox). NOT VALID: rows written before encryption at rest are sealed by SecretResealer at
-- start; from now on no insert or update can store plaintext.
alter table person
    add constraint person_webhook_secret_sealed
        check (webhook_secret is null or webhook_secret like 'enc:v1:%') not valid;
