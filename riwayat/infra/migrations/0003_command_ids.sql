-- Every appended command's id (its idempotency key, else one the store made) with the position of its
-- last event, written in the append's own statement. When the answer to a commit is lost (a dropped
-- connection, a restarted pooler), the store looks the batch's ids up before it judges or retries anything,
-- so a command that was written is answered as written, never written twice. The primary key makes a
-- second write of one id impossible.
CREATE TABLE {schema}.commands (
    id       text   PRIMARY KEY,
    position bigint NOT NULL
);
