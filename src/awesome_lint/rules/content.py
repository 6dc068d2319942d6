"""Rules: content."""
