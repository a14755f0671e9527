-- Personal data (docs/privacy.md): one data key per data subject, wrapped by the key-encryption key
-- (RIWAYAT_KEK_FILE). Outside the events table and outside the chain: erasing a subject sets `wrapped` to
-- NULL (the key is destroyed), the events keep their ciphertext and the chain still verifies.
CREATE TABLE {schema}.subject_keys (
    subject_id uuid PRIMARY KEY,
    key_id uuid NOT NULL UNIQUE,
    wrapped bytea,
    kek_id text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    erased_at timestamptz,
    CHECK ((wrapped IS NULL) = (erased_at IS NOT NULL))
);
