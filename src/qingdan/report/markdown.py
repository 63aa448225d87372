"""Text from the lists inside Markdown (pull-request comments): shown as written, never as markup.

A list item's name may hold ``|`` (which would end a table cell), ``*``/``_``/``~`` (emphasis), ``[x](…)``
(a link) or ``<img …>`` (HTML that GitHub and GitLab render): every such character is escaped.
"""

from __future__ import annotations

_ESCAPES = str.maketrans(
    {
        "\\": "\\\\",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "~": "\\~",
        "[": "\\[",
        "]": "\\]",
        "|": "\\|",
        "#": "\\#",
        "<": "&lt;",
        ">": "&gt;",
        "&": "&amp;",
    }
)


def escape(text: str) -> str:
    """Literal text; new lines stay new lines (use ``cell`` inside a table)."""
    return text.translate(_ESCAPES)


def cell(markdown: str) -> str:
    """Markdown (already escaped where it came from the lists) as one table cell: lines joined by <br>."""
    return markdown.replace("\r\n", "\n").replace("\n", "<br>")
