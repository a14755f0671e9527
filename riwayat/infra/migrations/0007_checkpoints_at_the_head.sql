-- A projection's checkpoint position may be NULL: "at the head", read as the head's position in the same
-- snapshot. The inline projections commit with the events, so their checkpoints always equal the head, and
-- moving each of them to the new head was one row update per projection in every append; now an append
-- moves none (only a checkpoint that holds a position becomes NULL), and an append that runs no inline
-- projection first writes the head before it into the NULL ones (those projections stopped there). Rows
-- keep their positions until the next append: both forms read the same.
ALTER TABLE {schema}.projection_checkpoints ALTER COLUMN position DROP NOT NULL;
-- The append looks for the rows still holding a position among its projections' names: with statistics
-- the planner reads the table's one page, without them (a table never analysed: its rows rarely change
-- now, autovacuum may never come) it probed the primary key once per name, four times the cost.
-- `registry.provision` analyses it after adding checkpoints.
ANALYZE {schema}.projection_checkpoints;
