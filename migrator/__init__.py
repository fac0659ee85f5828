"""migrator: move legacy Python 2 deploy services onto Python 3 and current ansible-core.

The library API (the command line is a thin layer over it)::

    from migrator import fix_source, fix_paths, check_source, check_paths

    result = fix_source("print 'hi'\n")
    result.text      # 'print(\'hi\')\n'
    result.findings  # [Finding(line=1, col=1, code='L101', ...)]

Importing this package is cheap: the pipeline stages are imported when first used.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "fix_source", "fix_paths", "check_source", "check_paths"]


def __getattr__(name: str):
    if name in ("fix_source", "fix_paths", "check_source", "check_paths"):
        from migrator import api

        return getattr(api, name)
    raise AttributeError(name)
