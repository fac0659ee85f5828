"""Dependency readiness: which pinned packages are ready for Python 3 / the target Python.

Where the requirements come from (never executed, never fetched):

* ``requirements*.txt`` (and ``requirements/*.txt``), following ``-r`` / ``-c`` includes;
* ``setup.py``: ``install_requires`` / ``extras_require`` read from the AST (literal lists,
  module-level names bound to literal lists, ``+`` of those). A Python 2 ``setup.py`` is
  lifted first. Anything computed at run time is reported as "not read";
* ``setup.cfg``: ``[options] install_requires`` and ``[options.extras_require]``;
* ``pyproject.toml``: ``[project] dependencies`` / ``optional-dependencies`` and
  ``[tool.poetry.dependencies]``.

What each pin is checked against, in order:

1. the deploy-stack table (``deptable.json``), kept by the project from its maintainers'
   knowledge: first release supporting Python 3, the releases that run on the target
   Python, replacements for Python-2-only packages and backports of the standard library;
2. where the package is installed here, its metadata (``Requires-Python`` and the
   ``Programming Language :: Python :: 3.X`` classifiers) — only about the installed
   version;
3. otherwise the answer is "unknown".
"""
from __future__ import annotations

import ast
import configparser
import json
import os
import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Iterable, Iterator, Optional

from packaging.markers import InvalidMarker
from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from migrator.config import DEFAULT_EXCLUDE

# Status of one requirement, best first. "drop": the standard library has it now.
READY, UPGRADE, REPLACE, DROP, BLOCKED, EXCLUDED, UNKNOWN = (
    "ready", "upgrade", "replace", "drop", "blocked", "excluded", "unknown",
)
STATUSES = (READY, UPGRADE, REPLACE, DROP, BLOCKED, UNKNOWN, EXCLUDED)
NOT_READY = (UPGRADE, REPLACE, DROP, BLOCKED)

_REQ_FILE = re.compile(r"^requirements.*\.(txt|in)$|^.*requirements\.(txt|in)$", re.I)
_BIG = Version("999999")


@dataclass
class Requirement_:
    """One requirement as found in one file (the JSON shape of ``dependencies.items[]``)."""

    name: str  # as written
    key: str  # canonical (PEP 503) name
    spec: str  # the version specifier as written ("" when unpinned)
    file: str  # relative path of the file that names it
    line: int
    status: str = UNKNOWN
    python3: Optional[str] = None  # "yes since X" / "no" / None (unknown)
    target_ok_from: Optional[str] = None  # first release known to run on the target Python
    replacement: Optional[str] = None
    reason: str = ""
    source: str = ""  # "table" | "installed" | "marker" | "" (what the answer rests on)
    installed: Optional[str] = None  # version installed here, if any
    extra: Optional[str] = None  # the extra it belongs to (extras_require / optional-dependencies)
    raw: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


# -- the table ---------------------------------------------------------------------------
@lru_cache(maxsize=None)
def table() -> dict:
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "deptable.json")
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    packages = {canonicalize_name(k): v for k, v in data["packages"].items()}
    aliases = {canonicalize_name(k): canonicalize_name(v) for k, v in data.get("aliases", {}).items()}
    return {"packages": packages, "aliases": aliases, "source": data.get("source", "")}


def table_entry(name: str) -> Optional[dict]:
    t = table()
    key = canonicalize_name(name)
    return t["packages"].get(key) or t["packages"].get(t["aliases"].get(key, ""))


# -- finding the files -------------------------------------------------------------------
def dependency_files(paths: Iterable[str], excludes: Iterable[str] = ()) -> list[str]:
    """requirements*.txt, setup.py, setup.cfg and pyproject.toml under ``paths``."""
    skip = tuple(DEFAULT_EXCLUDE) + tuple(excludes)
    import fnmatch

    out: list[str] = []
    seen: set[str] = set()

    def take(path: str) -> None:
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            out.append(path)

    for given in paths:
        if os.path.isfile(given):
            if _is_dep_file(os.path.basename(given)):
                take(given)
            continue
        if not os.path.isdir(given):
            continue
        for folder, dirs, files in os.walk(given):
            dirs[:] = sorted(
                d for d in dirs
                if not any(fnmatch.fnmatch(d, p) for p in skip)
                and not os.path.exists(os.path.join(folder, d, "pyvenv.cfg"))
            )
            for name in sorted(files):
                if _is_dep_file(name) or (os.path.basename(folder) == "requirements" and name.endswith(".txt")):
                    take(os.path.join(folder, name))
    return out


def _is_dep_file(name: str) -> bool:
    return name in ("setup.py", "setup.cfg", "pyproject.toml") or bool(_REQ_FILE.match(name))


# -- reading them ------------------------------------------------------------------------
@dataclass
class Raw:
    text: str  # the requirement string
    line: int
    extra: Optional[str] = None


@dataclass
class Parsed:
    file: str
    kind: str  # requirements | setup.py | setup.cfg | pyproject.toml
    items: list[Raw] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what could not be read


def read_file(path: str, _seen: Optional[set[str]] = None) -> list[Parsed]:
    name = os.path.basename(path)
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            text = fh.read()
    except OSError as exc:
        return [Parsed(path, "unreadable", notes=[f"cannot read: {exc.strerror}"])]
    if name == "setup.py":
        return [_read_setup_py(path, text)]
    if name == "setup.cfg":
        return [_read_setup_cfg(path, text)]
    if name == "pyproject.toml":
        return [_read_pyproject(path, text)]
    return _read_requirements(path, text, _seen if _seen is not None else set())


def _read_requirements(path: str, text: str, seen: set[str]) -> list[Parsed]:
    real = os.path.realpath(path)
    if real in seen:
        return []
    seen.add(real)
    parsed = Parsed(path, "requirements")
    out = [parsed]
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        start = i
        line = lines[i]
        while line.rstrip().endswith("\\") and i + 1 < len(lines):
            i += 1
            line = line.rstrip()[:-1] + " " + lines[i]
        i += 1
        line = re.sub(r"(^|\s)#.*$", "", line).strip()
        if not line:
            continue
        include = re.match(r"^(-r|--requirement|-c|--constraint)\s*=?\s*(\S+)", line)
        if include:
            target = os.path.join(os.path.dirname(path), include.group(2))
            if os.path.isfile(target):
                with open(target, encoding="utf-8", errors="replace") as fh:
                    included = fh.read()
                out.extend(_read_requirements(target, included, seen))
            else:
                parsed.notes.append(f"line {start + 1}: included file {include.group(2)} not found")
            continue
        editable = re.match(r"^(-e|--editable)\s*=?\s*(\S+)", line)
        if editable:
            egg = re.search(r"#egg=([A-Za-z0-9_.\-]+)", editable.group(2))
            parsed.items.append(Raw(f"{egg.group(1)} @ {editable.group(2)}" if egg else editable.group(2), start + 1))
            continue
        if line.startswith("-"):
            continue  # --index-url, --find-links, --hash=... and other pip options
        line = re.sub(r"\s--hash[= ]\S+", "", line)
        parsed.items.append(Raw(line, start + 1))
    return out


def _read_setup_cfg(path: str, text: str) -> Parsed:
    parsed = Parsed(path, "setup.cfg")
    cp = configparser.ConfigParser(interpolation=None)
    try:
        cp.read_string(text)
    except configparser.Error as exc:
        parsed.notes.append(f"cannot parse: {exc.__class__.__name__}")
        return parsed
    lines = text.splitlines()

    def line_of(req: str) -> int:
        for n, line in enumerate(lines, 1):
            if req and req in line and not line.lstrip().startswith(("#", ";")):
                return n
        return 0

    def add(value: str, extra: Optional[str]) -> None:
        for item in value.splitlines():
            item = item.split("#")[0].strip()
            if item:
                parsed.items.append(Raw(item, line_of(item), extra))

    if cp.has_option("options", "install_requires"):
        add(cp.get("options", "install_requires"), None)
    if cp.has_section("options.extras_require"):
        for extra, value in cp.items("options.extras_require"):
            add(value, extra)
    return parsed


def _read_pyproject(path: str, text: str) -> Parsed:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    parsed = Parsed(path, "pyproject.toml")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        parsed.notes.append(f"cannot parse: {exc}")
        return parsed
    lines = text.splitlines()

    def line_of(token: str) -> int:
        for n, line in enumerate(lines, 1):
            if token in line:
                return n
        return 0

    project = data.get("project", {})
    for item in project.get("dependencies", []) or []:
        if isinstance(item, str):
            parsed.items.append(Raw(item, line_of(item)))
    for extra, items in (project.get("optional-dependencies", {}) or {}).items():
        for item in items or []:
            if isinstance(item, str):
                parsed.items.append(Raw(item, line_of(item), extra))
    poetry = data.get("tool", {}).get("poetry", {}).get("dependencies", {}) or {}
    for name, spec in poetry.items():
        if name.lower() == "python":
            continue
        version = spec.get("version", "") if isinstance(spec, dict) else spec if isinstance(spec, str) else ""
        parsed.items.append(Raw(f"{name}{_poetry_spec(version)}", line_of(name)))
    return parsed


def _poetry_spec(spec: str) -> str:
    """Poetry's ^/~ constraints as PEP 440 (approximately: the lower bound only)."""
    spec = spec.strip()
    if not spec or spec == "*":
        return ""
    if spec[0] in "^~" and not spec.startswith("~="):
        return f">={spec.lstrip('^~')}"
    if spec[0].isdigit():
        return f"=={spec}"
    return spec


def _read_setup_py(path: str, text: str) -> Parsed:
    parsed = Parsed(path, "setup.py")
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        try:  # a Python 2 setup.py: lift it (in memory) and read that
            from migrator.lift import lift

            tree = ast.parse(lift(text, path=path).text)
        except Exception:
            parsed.notes.append("not parseable as Python 3 or 2: install_requires not read")
            return parsed
    # Module-level names (also inside if/else and try at module level): the last binding in
    # source order wins, which for "if old_python: X = [...] else: X = [...]" is the else.
    names: dict[str, ast.AST] = {}

    def bind(body: list) -> None:
        for node in body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                names[node.targets[0].id] = node.value
            elif isinstance(node, ast.If):
                bind(node.body)
                bind(node.orelse)
            elif isinstance(node, ast.Try):
                bind(node.body)
                bind(node.orelse)

    bind(tree.body)
    setup_calls = [
        node for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and ((isinstance(node.func, ast.Name) and node.func.id == "setup")
             or (isinstance(node.func, ast.Attribute) and node.func.attr == "setup"))
    ]
    if not setup_calls:
        parsed.notes.append("no setup() call found")
    for call in setup_calls:
        for kw in call.keywords:
            if kw.arg == "install_requires":
                _strings(kw.value, names, parsed, None, "install_requires")
            elif kw.arg == "extras_require":
                value = _resolve(kw.value, names)
                if isinstance(value, ast.Dict):
                    for k, v in zip(value.keys, value.values):
                        extra = k.value if isinstance(k, ast.Constant) and isinstance(k.value, str) else "?"
                        _strings(v, names, parsed, extra, f"extras_require[{extra}]")
                else:
                    parsed.notes.append(f"line {kw.value.lineno}: extras_require is computed at run time: not read")
            elif kw.arg is None:
                parsed.notes.append(f"line {kw.value.lineno}: setup(**...) arguments are computed at run time: not read")
    return parsed


def _resolve(node: ast.AST, names: dict[str, ast.AST], depth: int = 0) -> ast.AST:
    while isinstance(node, ast.Name) and node.id in names and depth < 10:
        node = names[node.id]
        depth += 1
    return node


def _strings(node: ast.AST, names: dict, parsed: Parsed, extra: Optional[str], what: str, depth: int = 0) -> None:
    node = _resolve(node, names)
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        for elt in node.elts:
            elt_r = _resolve(elt, names)
            if isinstance(elt_r, ast.Constant) and isinstance(elt_r.value, str):
                parsed.items.append(Raw(elt_r.value, elt.lineno, extra))
            else:
                parsed.notes.append(f"line {elt.lineno}: an item of {what} is computed at run time: not read")
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and depth < 10:
        _strings(node.left, names, parsed, extra, what, depth + 1)
        _strings(node.right, names, parsed, extra, what, depth + 1)
    elif isinstance(node, ast.Constant) and isinstance(node.value, str):
        for offset, item in enumerate(node.value.splitlines()):
            item = item.split("#")[0].strip()
            if item:
                parsed.items.append(Raw(item, node.lineno + offset, extra))
    else:
        parsed.notes.append(f"line {getattr(node, 'lineno', 0)}: {what} is computed at run time: not read")


# -- judging them ------------------------------------------------------------------------
def _environment(target: str) -> dict:
    return {
        "python_version": target,
        "python_full_version": f"{target}.0",
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
        "sys_platform": "linux",
        "platform_system": "Linux",
        "os_name": "posix",
    }


def _installed(key: str) -> Optional[dict]:
    from importlib import metadata

    try:
        dist = metadata.distribution(key)
    except Exception:
        return None
    meta = dist.metadata
    return {
        "version": dist.version,
        "requires_python": meta.get("Requires-Python") or "",
        "classifiers": [c for c in (meta.get_all("Classifier") or []) if c.startswith("Programming Language :: Python")],
    }


def _installed_supports(info: dict, target: str) -> Optional[bool]:
    """Whether the installed release declares support for ``target`` (None: it does not say)."""
    if info["requires_python"]:
        try:
            if not SpecifierSet(info["requires_python"]).contains(f"{target}.0", prereleases=True):
                return False
        except InvalidSpecifier:
            pass
    minors = [c.rsplit("::", 1)[1].strip() for c in info["classifiers"] if c.count("::") == 2]
    minors = [m for m in minors if re.fullmatch(r"3\.\d+", m)]
    if target in minors:
        return True
    if info["requires_python"]:
        return True  # Requires-Python allows it and no classifier says otherwise
    if minors:
        return None  # lists 3.x classifiers, but not the target
    return None


def _allows(spec: SpecifierSet, since: Optional[Version], until: Optional[Version], extra: Iterable[Version] = ()) -> bool:
    """Whether ``spec`` admits some release in [since, until)."""
    def inside(v: Version) -> bool:
        return (since is None or v >= since) and (until is None or v < until)

    pins = [Version(s.version) for s in spec if s.operator in ("==", "===") and "*" not in s.version and _is_version(s.version)]
    if pins:
        return any(inside(v) for v in pins)
    candidates = [c for c in (since, *extra) if c is not None]
    if until is None:
        candidates.append(_BIG)
    else:
        # the highest release below ``until`` we can name: every micro/minor step below it
        candidates += [Version(f"{until.major}.{m}.999") for m in range(max(0, until.minor - 3), until.minor)]
        if until.minor == 0 and until.major > 0:
            candidates.append(Version(f"{until.major - 1}.999"))
    return any(inside(c) and spec.contains(c, prereleases=True) for c in candidates)


def _is_version(text: str) -> bool:
    try:
        Version(text)
        return True
    except InvalidVersion:
        return False


def _v(text: Optional[str]) -> Optional[Version]:
    if not text:
        return None
    try:
        return Version(text)
    except InvalidVersion:
        return None


def judge(raw: Raw, file: str, target: str) -> Requirement_:
    try:
        req = Requirement(raw.text)
    except InvalidRequirement:
        name = re.split(r"[\s<>=!~;\[@]", raw.text, 1)[0] or raw.text
        return Requirement_(name=name, key=canonicalize_name(name) if name else "", spec="", file=file,
                            line=raw.line, status=UNKNOWN, reason="not a valid requirement (PEP 508)",
                            extra=raw.extra, raw=raw.text)
    item = Requirement_(name=req.name, key=canonicalize_name(req.name), spec=str(req.specifier), file=file,
                        line=raw.line, extra=raw.extra, raw=raw.text)
    if req.marker is not None:
        try:
            applies = req.marker.evaluate(_environment(target))
        except (InvalidMarker, Exception):
            applies = True
        if not applies:
            item.status, item.source = EXCLUDED, "marker"
            item.reason = f"its marker ({req.marker}) excludes it on Python {target}"
            return item
    if req.url:
        item.reason = "installed from a URL / VCS: the version is not known"
        return item
    entry = table_entry(req.name)
    info = _installed(item.key)
    if info:
        item.installed = info["version"]
    spec = req.specifier
    if entry is not None:
        item.source = "table"
        py3 = entry.get("python3")
        item.python3 = f"yes, since {py3}" if py3 else "no"
        item.replacement = entry.get("replacement")
        note = entry.get("note", "")
        action = entry.get("action")
        window = entry.get("python", {}).get(target)
        if action == DROP:
            item.status = DROP
            item.reason = f"the standard library has it on Python 3: use {item.replacement}. {note}".strip()
            return item
        if action == REPLACE:
            item.status = REPLACE
            item.reason = f"use {item.replacement}. {note}".strip()
            return item
        if window is not None:
            since, until = _v(window.get("since")), _v(window.get("dropped_in"))
            if window.get("since") is None:
                item.status = REPLACE if item.replacement else BLOCKED
                item.reason = (f"no release runs on Python {target}" + (f": use {item.replacement}" if item.replacement else "") + f". {note}").strip()
                return item
            item.target_ok_from = window["since"] + (f" (before {window['dropped_in']})" if window.get("dropped_in") else "")
            if _allows(spec, since, until):
                item.status = READY
                item.reason = (f"releases {item.target_ok_from} run on Python {target}" + ("" if str(spec) else " (unpinned)") + f". {note}").strip()
            else:
                item.status = UPGRADE
                want = f">={window['since']}" + (f",<{window['dropped_in']}" if window.get("dropped_in") else "")
                item.reason = f"the pinned releases do not run on Python {target}: needs {req.name}{want}. {note}".strip()
            return item
        # The table knows the package but not this Python: Python 3 support at least.
        if py3 is None:
            item.status = REPLACE if item.replacement else BLOCKED
            item.reason = f"no release supports Python 3. {note}".strip()
            return item
        if not _allows(spec, _v(py3), None):
            item.status = UPGRADE
            item.reason = f"the pinned releases predate Python 3 support (since {py3}). {note}".strip()
            return item
        item.reason = f"supports Python 3 since {py3}; nothing known about Python {target}. {note}".strip()
        # fall through to the installed metadata
    if info:
        ok = _installed_supports(info, target)
        version = _v(info["version"])
        contains = version is not None and spec.contains(version, prereleases=True)
        where = f"installed here: {info['version']}"
        if info["requires_python"]:
            where += f", Requires-Python {info['requires_python']}"
        if ok is True and contains:
            item.status, item.source = READY, "installed"
            item.reason = f"{where}: supports Python {target}, and the pin allows it"
        elif ok is True:
            item.source = item.source or "installed"
            item.reason = f"{where} supports Python {target}, but the pin ({spec}) excludes it; the pinned release is not known"
            item.target_ok_from = item.target_ok_from or f"{info['version']} (installed here)"
        elif ok is False and contains:
            item.status, item.source = BLOCKED, "installed"
            item.reason = f"{where}: does not support Python {target}"
        elif not item.reason:
            item.source = "installed"
            item.reason = f"{where}: its metadata does not say whether Python {target} is supported"
        return item
    if not item.reason:
        item.reason = "not in the deploy-stack table and not installed here"
    return item


@dataclass
class DependencyReport:
    files: list[dict]
    items: list[Requirement_]

    def summary(self) -> dict:
        counts = {s: 0 for s in STATUSES}
        for item in self.items:
            counts[item.status] += 1
        return counts

    def to_dict(self) -> dict:
        return {
            "table_source": table()["source"],
            "files": self.files,
            "items": [i.to_dict() for i in self.items],
            "summary": self.summary(),
        }


def project_files(folder: str, root: str) -> list[str]:
    """Dependency files directly in the folders from ``folder``'s parent up to ``root``
    (the project's top, where its pyproject.toml is): ``migrator report src/`` still reads
    the project's requirements.txt."""
    folder, root = os.path.abspath(folder), os.path.abspath(root)
    out: list[str] = []
    if folder == root or not folder.startswith(root.rstrip(os.sep) + os.sep):
        return out
    current = os.path.dirname(folder)
    while True:
        try:
            names = sorted(os.listdir(current))
        except OSError:
            names = []
        out.extend(os.path.join(current, n) for n in names if _is_dep_file(n) and os.path.isfile(os.path.join(current, n)))
        if current == root or os.path.dirname(current) == current:
            return out
        current = os.path.dirname(current)


def analyse(
    paths: Iterable[str], relpath, target: str, excludes: Iterable[str] = (), also: Iterable[str] = ()
) -> DependencyReport:
    """Read every dependency file under ``paths`` (and the files ``also`` names) and judge
    each requirement for ``target``."""
    files: list[dict] = []
    items: list[Requirement_] = []
    seen: set[str] = set()
    for path in [*also, *dependency_files(paths, excludes)]:
        for parsed in read_file(path, seen):
            rel = relpath(parsed.file)
            files.append({"path": rel, "kind": parsed.kind, "requirements": len(parsed.items), "notes": parsed.notes})
            for raw in parsed.items:
                items.append(judge(raw, rel, target))
    return DependencyReport(files, items)


def iter_not_ready(report: DependencyReport) -> Iterator[Requirement_]:
    return (i for i in report.items if i.status in NOT_READY)
