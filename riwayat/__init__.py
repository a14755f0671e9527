"""Riwayat: an event-sourced personnel ledger for Indonesian regional civil servants (ASN)."""
