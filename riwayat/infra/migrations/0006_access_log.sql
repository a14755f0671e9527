-- Who was shown whose personal data (UU 27/2022: the controller records processing). One row per GraphQL
-- response that held personal data of a data subject: the token's subject and roles, the subjects and their
-- fields, the request id. Append-only, hash-chained like the ledger but separately (sha256 over the row's
-- canonical JSON and the previous row's hash), so a changed or removed row is evident. `access_log_head`
-- holds the last position and hash: writers lock it, so the chain has one order.
CREATE TABLE {schema}.access_log (
    position   bigint      PRIMARY KEY,
    at         timestamptz NOT NULL,
    request_id text        NOT NULL,
    actor      text        NOT NULL,
    roles      text[]      NOT NULL,
    operation  text        NOT NULL,
    subjects   text[]      NOT NULL,
    fields     jsonb       NOT NULL,
    prev_hash  bytea       NOT NULL,
    hash       bytea       NOT NULL
);
CREATE INDEX access_log_subjects ON {schema}.access_log USING gin (subjects);
CREATE INDEX access_log_actor ON {schema}.access_log (actor, position);
CREATE TABLE {schema}.access_log_head (
    id       boolean PRIMARY KEY DEFAULT true CHECK (id),
    position bigint  NOT NULL,
    hash     bytea   NOT NULL
);
INSERT INTO {schema}.access_log_head VALUES (true, 0, decode(repeat('00', 32), 'hex'));
-- Append-only for the server's own role too: a row is never updated or deleted through Riwayat. (The
-- database owner can drop the trigger; the chain and the head are what then show a change.)
CREATE FUNCTION {schema}.access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the access log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON {schema}.access_log
    FOR EACH ROW EXECUTE FUNCTION {schema}.access_log_append_only();
