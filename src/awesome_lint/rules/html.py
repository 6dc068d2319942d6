"""Rules: html."""
