"""Reporters of ``qingdan diff``: text, JSON, Markdown, HTML."""
