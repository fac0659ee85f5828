"""Helpers the subcommands share: settings from file + flags, file discovery, progress."""
from __future__ import annotations

import os
import sys
from typing import Iterable, Iterator, Optional

from migrator import config
from migrator.findings import MigratorError


def settings_from(args) -> config.Settings:
    if args.config and not os.path.isfile(args.config):
        raise MigratorError(f"{args.config}: no such configuration file")
    settings = config.load(args.paths, args.config)
    if args.ansible_target:
        from packaging.version import InvalidVersion, Version

        try:
            Version(args.ansible_target)
        except InvalidVersion:
            raise MigratorError(f"--ansible-target {args.ansible_target!r} is not a version")
    select, ignore = config.split_ids(args.select), config.split_ids(args.ignore)
    if select is not None and ignore is None:
        ignore = ()  # the command line wins: an explicit selection replaces the file's
    return config.override(
        settings,
        select=select,
        ignore=ignore,
        jobs=args.jobs,
        ansible_target=args.ansible_target,
        cache_dir="" if args.no_cache else None,
        force_exclude=True if args.force_exclude else None,
    )


def discover_files(args, settings: config.Settings) -> tuple[list[str], int]:
    """Files to process, printing skipped paths. Returns (files, number of missing paths)."""
    from migrator.discover import Skipped, discover

    files: list[str] = []
    missing = 0
    for item in discover(args.paths, settings):
        if isinstance(item, Skipped):
            if item.reason == "no such file or directory":
                print(f"{item.path}: error: {item.reason}", file=sys.stderr)
                missing += 1
            elif args.verbose:
                print(f"{item.path}: skipped: {item.reason}", file=sys.stderr)
            continue
        files.append(item)
    return files, missing


def progress(results: Iterable, total: int, args, unit: str = "file") -> Iterator:
    """Wrap ``results`` in a progress bar when stderr is a terminal and the run is long."""
    if args.quiet or total < 20 or not sys.stderr.isatty():
        yield from results
        return
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread
    with tqdm(total=total, unit=unit, file=sys.stderr, leave=False, dynamic_ncols=True) as bar:
        for item in results:
            bar.update(1)
            yield item


def display(path: str, settings: Optional[config.Settings] = None) -> str:
    return os.path.relpath(path) if not os.path.isabs(path) or path.startswith(os.getcwd()) else path
