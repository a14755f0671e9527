"""Read models: each module owns its tables, its handlers (one per event type) and its queries."""
