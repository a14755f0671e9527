-- What request an idempotency key was first used for (mutation, canonical input, actor, as the
-- application computes it): the same key with another request is refused (IDEMPOTENCY_KEY_REUSED) instead
-- of silently answered with the first result. Keys stored before this have none and match any request.
ALTER TABLE {schema}.idempotency_keys ADD COLUMN fingerprint text;
