"""Admission (准入): requests, their review, banned work, working-day deadlines, decisions, the counter question."""

# the outcome of one check of a review (and of one banned-work hit)
PASS, FAIL, WARN = "pass", "fail", "warn"
