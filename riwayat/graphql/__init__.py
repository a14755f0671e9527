"""The GraphQL edge: strawberry schema, HTTP endpoint (authentication, limits), roles and error mapping.

`riwayat.graphql.http.graphql_route()` is what the composition root mounts; `schema.build_schema()` is
the schema; `python -m riwayat.graphql.export` writes `schema.graphql`.
"""
