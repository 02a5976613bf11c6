"""Shell quoting helpers packs import (quote_unix is shlex.quote)."""

import shlex

__all__ = ["quote_unix", "quote_windows"]


def quote_unix(value):
    return shlex.quote(str(value))


def quote_windows(value):
    import subprocess

    return subprocess.list2cmdline([str(value)])
