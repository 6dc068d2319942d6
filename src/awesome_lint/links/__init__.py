"""The opt-in link checker behind `awesome-lint links`: extract, filter, check politely, cache, report.

Nothing here is imported by `check`; only checker.py imports httpx, and only when a check really runs.
"""
