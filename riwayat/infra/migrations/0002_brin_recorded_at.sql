-- recorded_at never decreases along positions (the store guarantees it), so a BRIN index answers the
-- auditors' time-range filters at a fraction of a b-tree's cost on every append.
DROP INDEX IF EXISTS {schema}.events_recorded_at_idx;
CREATE INDEX events_recorded_at_brin ON {schema}.events USING brin (recorded_at);
