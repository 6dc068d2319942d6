"""Rules: whitespace."""
