"""Thin query resolvers: translate arguments, call a projection query or the application, map the rows."""
