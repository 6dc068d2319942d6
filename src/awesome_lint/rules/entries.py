"""Rules: entries."""
