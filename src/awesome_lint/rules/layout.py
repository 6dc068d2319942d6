"""Rules: layout."""
