"""One GraphQL type per module, each with a `from_row()` (or similar) constructor."""
