"""The one exception hierarchy. Each error carries its exit code and a catalogue message key."""

from __future__ import annotations

import errno
from typing import Any

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class QingdanError(Exception):
    """Base of every error a user can cause; the CLI prints it in the user's language."""

    exit_code = EXIT_USAGE

    def __init__(self, key: str, **args: Any) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args


class UsageError(QingdanError):
    """Bad option, missing path, unknown kind."""


class GitError(QingdanError):
    """A git command failed (exit 2, git's own message shown); ``returncode`` for callers that expect some."""

    def __init__(self, returncode: int, command: str, detail: str) -> None:
        super().__init__("git-failed", command=command, detail=detail)
        self.returncode = returncode


class InputError(QingdanError):
    """Input that stops the whole run (unreadable configuration, no lists found)."""


EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports Ctrl-C


class Interrupted(KeyboardInterrupt):
    """A termination signal (SIGTERM) turned into an exception, so that rollbacks and clean-ups run as for
    Ctrl-C; the process then exits 128 + the signal's number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def os_reason(exc: OSError) -> Any:
    """Why a file operation failed, in the reader's words (a full disk, no permission …)."""
    from qingdan.i18n import Phrase

    key = _ERRNO_WORDS.get(exc.errno or 0)
    return Phrase(key) if key else Phrase("os-other", {"detail": exc.strerror or str(exc)})


_ERRNO_WORDS = {
    errno.ENOSPC: "os-enospc",
    errno.EDQUOT: "os-enospc",
    errno.EACCES: "os-eacces",
    errno.EPERM: "os-eacces",
    errno.EROFS: "os-erofs",
    errno.EBUSY: "os-ebusy",
    errno.ETXTBSY: "os-ebusy",
    errno.ENOENT: "os-enoent",
    errno.EISDIR: "os-eisdir",
    errno.ENOTDIR: "os-enotdir",
    errno.ENAMETOOLONG: "os-enametoolong",
    errno.EMFILE: "os-emfile",
    errno.EIO: "os-eio",
    errno.EBADF: "os-ebadf",
}
