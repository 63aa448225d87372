"""Reporters of ``qingdan validate``: text, JSON, SARIF, GitHub annotations, rdjson, Markdown, GitLab Code
Quality, JUnit XML."""
