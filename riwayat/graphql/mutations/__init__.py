"""Mutation resolvers: one `input`, a payload with the changed object, version, positions and errors."""
