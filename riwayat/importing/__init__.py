"""Importing a serving workforce from SIASN / SIMPEG exports (see docs/importing.md)."""
