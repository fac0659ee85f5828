"""``migrator.traversal`` changes how fast libcst walks, never what a visitor sees.

Every callback (``on_visit``, ``on_leave``, ``on_visit_attribute``, ``on_leave_attribute``)
is recorded with libcst's own traversal and with the visit-only one, on varied real code,
with a visitor that prunes some subtrees; the lists must be identical. The scopes libcst
computes (the heaviest visitor the codemods use) must give the same qualified names
and accesses, and matcher discovery cached per class must find what libcst finds for
each instance.
"""
from __future__ import annotations

import glob
import os

import libcst as cst
import libcst.matchers as m
import pytest
from libcst.metadata import MetadataWrapper, ScopeProvider

from migrator import traversal
from migrator.lift import lift
from migrator.walk import Tree

from test_walk_position import ODD, ROOT

PY2 = '''\
class Old:
    def __cmp__(self, other):
        return cmp(self.x, other.x)
print "a", b
exec "code" in ns
try:
    raise ValueError, "x"
except ValueError, e:
    print >>sys.stderr, e, `e`
x = 0777 + 10L
if a <> b:
    d = dict((k, v) for k, v in d.iteritems() if k.has_key(v))
'''


def sources():
    yield "odd", ODD
    yield "py2-lifted", lift(PY2, path="py2.py").text
    files = sorted(glob.glob(os.path.join(ROOT, "migrator", "**", "*.py"), recursive=True))[:12]
    files += sorted(glob.glob(os.path.join(ROOT, "examples", "**", "*.py"), recursive=True))[:6]
    for path in files:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        yield os.path.relpath(path, ROOT), lift(text, path=path).text


class _Recorder(cst.CSTVisitor):
    """Records every callback; does not descend into lambdas (pruning must be honoured)."""

    def __init__(self) -> None:
        self.events: list = []

    def on_visit(self, node) -> bool:
        self.events.append(("visit", id(node)))
        return not isinstance(node, cst.Lambda)

    def on_leave(self, node) -> None:
        self.events.append(("leave", id(node)))

    def on_visit_attribute(self, node, attribute) -> None:
        self.events.append(("visit_attr", id(node), attribute))

    def on_leave_attribute(self, node, attribute) -> None:
        self.events.append(("leave_attr", id(node), attribute))


class _Hooks(m.MatcherDecoratableVisitor):
    """Typed and attribute hooks, and a matcher-gated one."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list = []

    def visit_Call(self, node) -> None:
        self.seen.append(("call", id(node)))

    def visit_ClassDef_bases(self, node) -> None:
        self.seen.append(("bases", id(node)))

    def leave_FunctionDef_params(self, node) -> None:
        self.seen.append(("params", id(node)))

    @m.call_if_inside(m.FunctionDef())
    def visit_Name(self, node) -> None:
        self.seen.append(("name-in-def", id(node)))


def _libcst_only(monkeypatch) -> None:
    monkeypatch.setattr(cst.CSTNode, "visit", traversal._libcst_visit)


def _record(module, visitor_cls):
    visitor = visitor_cls()
    module.visit(visitor)
    return visitor.events if hasattr(visitor, "events") else visitor.seen


def _scopes(module, wrapper=None):
    """Qualified names and accesses, nodes named by their place in the tree (libcst makes
    new nodes for string annotations on each resolution: those are named by their code)."""
    index = {id(n): i for i, n in enumerate(Tree(module).nodes)}

    def key(node):
        return index.get(id(node), ("made", cst.Module([]).code_for_node(node)))

    scopes = (wrapper or MetadataWrapper(module, unsafe_skip_copy=True)).resolve(ScopeProvider)
    names, accesses = [], []
    for node, scope in scopes.items():
        if isinstance(node, (cst.Name, cst.Attribute)) and scope is not None:
            names.append((key(node), sorted((q.name, q.source.name) for q in scope.get_qualified_names_for(node))))
    for scope in {id(s): s for s in scopes.values() if s is not None}.values():
        for access in scope.accesses:
            accesses.append((key(access.node), sorted(str(key(a.node)) for a in access.referents if hasattr(a, "node"))))
    return sorted(names, key=str), sorted(accesses, key=str)


SOURCES = list(sources())


@pytest.mark.parametrize("name,text", SOURCES, ids=[name for name, _ in SOURCES])
def test_visitors_see_the_same_callbacks(name, text, monkeypatch):
    traversal.install()
    monkeypatch.setattr(traversal, "_WARM", 0)  # twins for every node type from the first visit
    module = cst.parse_module(text)
    fast = [_record(module, _Recorder), _record(module, _Hooks), _scopes(module)]
    with monkeypatch.context() as patch:
        _libcst_only(patch)
        slow = [_record(module, _Recorder), _record(module, _Hooks), _scopes(module)]
    assert len(fast[0]) > 10
    assert fast[0] == slow[0]
    assert fast[1] == slow[1]
    assert fast[2] == slow[2]


@pytest.mark.parametrize("name,text", SOURCES, ids=[name for name, _ in SOURCES])
def test_engine_wrapper_gives_libcsts_scopes(name, text, monkeypatch):
    """``migrator.parse.wrap``: own expression contexts, scope providers run without the
    empty batched traversal; the scopes must be libcst's own (plain traversal, plain wrapper)."""
    from migrator.parse import wrap

    traversal.install()
    monkeypatch.setattr(traversal, "_WARM", 0)
    module = cst.parse_module(text)
    ours = _scopes(module, wrap(module))
    with monkeypatch.context() as patch:
        _libcst_only(patch)
        theirs = _scopes(module)
    assert ours == theirs
    assert name != "odd" or len(ours[0]) > 20


def test_every_node_type_gets_a_visit_only_traversal():
    """A libcst upgrade that changes the shape of its generated methods shows up here."""
    traversal.install()
    module = cst.parse_module(ODD + lift(PY2, path="py2.py").text)
    _record(module, _Recorder)
    used = {t for t in traversal._VISIT_ONLY}
    assert len(used) > 60
    assert [t.__name__ for t in used if traversal._VISIT_ONLY[t] is None] == []


def test_matcher_discovery_once_per_class_binds_each_instance():
    traversal.install()
    from libcst.matchers import _visitors

    first, second = _Hooks(), _Hooks()
    for visitor in (first, second):
        uncached = _visitors._gather_constructed_visit_funcs.__wrapped__(visitor)
        assert visitor._extra_visit_funcs == uncached
        for funcs in visitor._extra_visit_funcs.values():
            assert all(f.__self__ is visitor for f in funcs)
        assert set(visitor._matchers) == set(_visitors._gather_matchers.__wrapped__(visitor))
    module = cst.parse_module("def f():\n    g(x)\n")
    a, b = _Hooks(), _Hooks()
    module.visit(a)
    module.visit(b)
    assert [k for k, _ in a.seen] == [k for k, _ in b.seen] == ["name-in-def", "params", "call", "name-in-def", "name-in-def"]


def test_scope_answers_in_source_order():
    """libcst keeps assignments and accesses in sets (ordered by memory address); codemods
    that act on the first hit read them through ``in_source_order`` (via ``Flow.in_order``)."""
    from migrator.walk import in_source_order, tree

    module = cst.parse_module("x = 1\nprint(x)\nif x:\n    y = x + x\nx = 2\nz = [x]\n")
    shared = tree(module)
    scope = MetadataWrapper(module, unsafe_skip_copy=True).resolve(ScopeProvider)[module]
    assignments = in_source_order(scope.assignments["x"], module)
    assert [a.node for a in assignments] == [n for n in shared.nodes if isinstance(n, cst.Name) and n.value == "x" and any(n is a.node for a in assignments)]
    assert len(assignments) == 2 and assignments[0].node is module.body[0].body[0].targets[0].target
    uses = in_source_order(assignments[0].references, module)
    expected = [n for n in shared.nodes if isinstance(n, cst.Name) and n.value == "x" and any(n is u.node for u in uses)]
    assert [u.node for u in uses] == expected and len(expected) >= 4


class _Renamer(cst.CSTTransformer):
    """Renames ``x`` → ``renamed``, drops ``pass`` lines, records what each leave saw."""

    def __init__(self) -> None:
        self.seen: list = []

    def leave_Name(self, original, updated):
        return updated.with_changes(value="renamed") if updated.value == "x" else updated

    def leave_Pass(self, original, updated):
        return cst.RemoveFromParent()

    def on_leave(self, original, updated):
        result = super().on_leave(original, updated)
        if isinstance(result, cst.CSTNode):
            self.seen.append((type(original).__name__, result))
        return result


@pytest.mark.parametrize("name,text", SOURCES, ids=[name for name, _ in SOURCES])
def test_transformers_produce_the_same_tree(name, text, monkeypatch):
    """Not rebuilding unchanged nodes changes no result: the same code, the same leave
    calls; and what did not change is the original object."""
    traversal.install()
    module = cst.parse_module(text)
    ours = _Renamer()
    new = module.visit(ours)
    with monkeypatch.context() as patch:
        _libcst_only(patch)
        theirs = _Renamer()
        expected = module.visit(theirs)
    assert new.code == expected.code and new.deep_equals(expected)
    assert [t for t, _ in ours.seen] == [t for t, _ in theirs.seen]
    assert all(a.deep_equals(b) for (_, a), (_, b) in zip(ours.seen, theirs.seen))
    unchanged = [s for s in module.body if "x" not in cst.Module([s]).code and "pass" not in cst.Module([s]).code]
    assert all(any(s is t for t in new.body) for s in unchanged)


def test_findings_keep_their_line_when_another_codemod_changes_the_module_body():
    """PY114 drops the ``__future__`` line while AN030 rewrites the bottom star import in the
    same traversal: AN030's finding is placed on the original import (it was line 0 when
    every node was rebuilt)."""
    from migrator.config import Settings
    from migrator.engine import fix_text

    src = (
        "#!/usr/bin/python\n"
        "from __future__ import print_function\n"
        "import os\n\n"
        "def main():\n"
        "    module = AnsibleModule(argument_spec=dict())\n"
        "    module.exit_json(changed=False, cwd=os.getcwd())\n\n"
        "from ansible.module_utils.basic import *\n"
        "main()\n"
    )
    result = fix_text(src, "lib/ansible/modules/x.py", Settings(cache_dir=""))
    assert "if __name__ == '__main__':\n    main()\n" in result.text
    assert sorted((f.line, f.code) for f in result.findings) == [(2, "PY114"), (9, "AN030")]


_ENGINE_RUN = r"""
import glob, json, sys
from migrator.config import Settings
from migrator.engine import fix_text
out = {}
for path in sorted(glob.glob("examples/legacy_vesemir/**/*.py", recursive=True)) + sorted(glob.glob("tests/programs/py2/*.py"))[:40]:
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    result = fix_text(text, path, Settings(cache_dir=""))
    out[path] = [result.text, sorted([f.line, f.col, f.code, f.message] for f in result.findings)]
json.dump(out, sys.stdout)
"""


def test_engine_output_is_the_same_with_libcsts_own_traversal():
    """The whole pipeline (codemods, scopes, imports, findings) on the example service and
    40 Python 2 programs, with the shortcuts and with ``MIGRATOR_PLAIN_LIBCST=1``."""
    import json
    import subprocess
    import sys

    def run(**env):
        proc = subprocess.run(
            [sys.executable, "-c", _ENGINE_RUN], cwd=ROOT, capture_output=True, text=True,
            env={**os.environ, **env}, check=True,
        )
        return json.loads(proc.stdout)

    fast = run(MIGRATOR_PLAIN_LIBCST="")
    plain = run(MIGRATOR_PLAIN_LIBCST="1")
    assert len(fast) > 40 and sum(1 for text, _ in fast.values() if "print(" in text) > 20
    assert fast == plain
