"""The pure personnel domain: value objects, civil-service rules and event-sourced aggregates.

Nothing here touches a database, the network or another layer of Riwayat: it imports only the
standard library and `eventsourcing.domain`, so every rule can be tested in microseconds and reused
by the application, the projections and the demo loader alike.
"""
