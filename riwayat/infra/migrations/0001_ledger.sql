-- The ledger of one tenant: its events, the head row that serialises appends, idempotency keys,
-- uniqueness claims (NIP, unit code) and projection checkpoints. {schema} is a validated identifier.

CREATE TABLE {schema}.events (
    position     bigint      PRIMARY KEY,
    stream_id    uuid        NOT NULL,
    stream_type  text        NOT NULL,
    version      integer     NOT NULL CHECK (version >= 1),
    topic        text        NOT NULL,
    data         jsonb       NOT NULL,
    metadata     jsonb       NOT NULL,
    recorded_at  timestamptz NOT NULL,
    effective_on date,
    hash         text        NOT NULL,
    UNIQUE (stream_id, version)
);
CREATE INDEX events_topic_idx ON {schema}.events (topic, position);
CREATE INDEX events_actor_idx ON {schema}.events ((metadata->>'actor'), position);
CREATE INDEX events_recorded_at_idx ON {schema}.events (recorded_at);

-- One row: the last position, its hash and time. Appends lock it (SELECT ... FOR UPDATE), so positions
-- commit in order and a reader following `position > checkpoint` never skips a later-committing event.
CREATE TABLE {schema}.head (
    id          boolean     PRIMARY KEY DEFAULT true CHECK (id),
    position    bigint      NOT NULL,
    hash        text        NOT NULL,
    recorded_at timestamptz
);
INSERT INTO {schema}.head (id, position, hash) VALUES (true, 0, repeat('0', 64));

CREATE TABLE {schema}.idempotency_keys (
    key         text        PRIMARY KEY,
    result      jsonb       NOT NULL,
    recorded_at timestamptz NOT NULL
);

-- Values that must be unique in the tenant for ever (a NIP is never reissued), claimed in the append
-- transaction so two concurrent hires of one NIP cannot both succeed.
CREATE TABLE {schema}.claims (
    kind      text NOT NULL,
    value     text NOT NULL,
    stream_id uuid NOT NULL,
    PRIMARY KEY (kind, value)
);

CREATE TABLE {schema}.projection_checkpoints (
    name     text    PRIMARY KEY,
    version  integer NOT NULL,
    position bigint  NOT NULL
);

CREATE FUNCTION {schema}.refuse_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the events table is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON {schema}.events
    FOR EACH ROW EXECUTE FUNCTION {schema}.refuse_event_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON {schema}.events
    FOR EACH STATEMENT EXECUTE FUNCTION {schema}.refuse_event_change();
