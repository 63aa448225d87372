"""Admission (准入): requests, their review, banned work, working-day deadlines, decisions, the counter question."""
