"""Infrastructure: settings, PostgreSQL pools, the event store, tenants, migrations, auth and the CLI."""
