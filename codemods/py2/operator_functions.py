"""Replace the ``operator`` functions Python 3 removed.

What it does
    ``operator.isCallable(f)`` → ``callable(f)``, ``operator.sequenceIncludes(s, x)`` →
    ``operator.contains(s, x)``, ``operator.repeat``/``irepeat`` → ``operator.mul``/``imul``,
    ``operator.isSequenceType(x)`` → ``isinstance(x, collections.abc.Sequence)``,
    ``isMappingType`` → ``collections.abc.Mapping``, ``isNumberType`` → ``numbers.Number``.
    Found by qualified name, whatever the import form.

Why
    The functions are gone in Python 3 (AttributeError).

When it is unsafe
    ``isSequenceType``/``isMappingType`` answered from the type's slots (any class with
    ``__getitem__``); the ABCs answer only for registered/derived classes — a plain user class
    with ``__getitem__`` is not a ``Sequence``. ``operator.div`` (classic division) and the
    ``*slice`` functions get a review.
"""
from __future__ import annotations

import libcst as cst

from codemods.base import Example
from codemods.py2._moves import Gone, Moves, Spec, To
from codemods.py2._syntax import expr, first_name, free_builtin, free_module, positional

_ABCS = {
    "operator.isSequenceType": ("collections.abc", "collections.abc.Sequence"),
    "operator.isMappingType": ("collections.abc", "collections.abc.Mapping"),
    "operator.isNumberType": ("numbers", "numbers.Number"),
}
_SLICE = "operator.{}slice is gone: use operator.{}item(a, slice(b, c))"

MODULES = {
    "operator": Spec(removed=False, attrs={
        "isCallable": To("builtins", "callable"), "sequenceIncludes": To("operator", "contains"),
        "repeat": To("operator", "mul"), "irepeat": To("operator", "imul"),
        "div": Gone("operator.div was classic division: operator.floordiv for ints, operator.truediv otherwise"),
        "idiv": Gone("operator.idiv was classic division: operator.ifloordiv for ints, operator.itruediv otherwise"),
        "getslice": Gone(_SLICE.format("get", "get")), "setslice": Gone(_SLICE.format("set", "set")),
        "delslice": Gone(_SLICE.format("del", "del")),
    }),
}


class OperatorFunctions(Moves):
    ID = "PY119"
    NAME = "operator-functions"
    DESCRIPTION = "removed operator function replaced"
    MODULES = MODULES
    TRIGGERS = frozenset({
        "isCallable", "sequenceIncludes", "repeat", "irepeat", "isSequenceType", "isMappingType",
        "isNumberType", "div", "idiv", "getslice", "setslice", "delslice",
    })
    EXAMPLES = (
        Example("import operator\nok = operator.isCallable(f)\n", "import operator\nok = callable(f)\n"),
        Example(
            "from operator import sequenceIncludes\nok = sequenceIncludes(xs, 1)\n",
            "from operator import contains\nok = contains(xs, 1)\n",
        ),
        Example(
            "import operator\nok = operator.isSequenceType(x) or operator.isNumberType(x)\n",
            "import operator\nimport collections.abc\nimport numbers\n\n"
            "ok = isinstance(x, collections.abc.Sequence) or isinstance(x, numbers.Number)\n",
        ),
        Example("import operator as op\nf = op.repeat\n", "import operator as op\nf = op.mul\n"),
        Example(
            "from operator import isMappingType, itemgetter\nok = isMappingType(x)\n",
            "from operator import itemgetter\nimport collections.abc\n\nok = isinstance(x, collections.abc.Mapping)\n",
        ),
        Example("import operator\nq = reduce(operator.div, xs)\n", review=("PY119",)),
        Example("import operator\nok = operator.contains(xs, 1)\n"),
    )

    def _target(self, module, attr):
        # the ABC checks are rewritten as whole calls (leave_Call), not as names
        if f"{module}.{attr}" in _ABCS:
            return None
        return super()._target(module, attr)

    def _abc(self, node: cst.Call):
        for q in self._import_qnames(node.func):
            if q in _ABCS:
                return _ABCS[q]
        return None

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        found = self._abc(original_node)
        if found is None:
            return updated_node
        module, abc = found
        args = positional(updated_node)
        site = first_name(original_node.func) or original_node.func
        if args is None or len(args) != 1 or not free_builtin(self, original_node.func, "isinstance") \
                or not free_module(self, site, module.split(".")[0]):
            self.review(original_node, f"{abc.rsplit('.', 1)[1]} check: write isinstance(x, {abc}) by hand")
            return updated_node
        self.add_import(module)
        func = original_node.func
        if isinstance(func, cst.Name):  # from operator import isSequenceType [as f]: drop it once unused
            name = next(q for q in self._import_qnames(func) if q in _ABCS).split(".")[1]
            self.remove_import("operator", name, func.value if func.value != name else None)
        self.changed(original_node, f"→ isinstance(x, {abc})")
        return cst.Call(func=cst.Name("isinstance"), args=[cst.Arg(args[0], comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))), cst.Arg(expr(abc))],
                        lpar=updated_node.lpar, rpar=updated_node.rpar)
