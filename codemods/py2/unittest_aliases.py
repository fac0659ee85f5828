"""Rename the deprecated ``unittest`` assertion aliases.

What it does
    ``self.assertEquals`` → ``self.assertEqual``, ``failUnless`` → ``assertTrue``,
    ``failIf`` → ``assertFalse``, ``failUnlessRaises`` → ``assertRaises``, ``assert_`` →
    ``assertTrue``, ``assertItemsEqual`` → ``assertCountEqual``, ``assertRegexpMatches`` →
    ``assertRegex``, ``assertRaisesRegexp`` → ``assertRaisesRegex`` and the other
    ``*Equals``/``failIf*``/``failUnless*`` spellings (the 2to3 ``asserts`` fixer, plus
    ``assertItemsEqual``). Only calls on ``self``; a module that defines one of these names
    itself keeps it.

Why
    The aliases were deprecated since 3.2 and removed in Python 3.12 (AttributeError);
    ``assertItemsEqual`` never existed in Python 3.

When it is unsafe
    ``assertDictContainsSubset`` has no replacement (review).
"""
from __future__ import annotations

import libcst as cst

from codemods.base import Codemod, Example
from codemods.py2._index import index

RENAMES = {
    "assertEquals": "assertEqual", "assertNotEquals": "assertNotEqual", "assert_": "assertTrue",
    "assertAlmostEquals": "assertAlmostEqual", "assertNotAlmostEquals": "assertNotAlmostEqual",
    "failUnlessEqual": "assertEqual", "failIfEqual": "assertNotEqual",
    "failUnlessAlmostEqual": "assertAlmostEqual", "failIfAlmostEqual": "assertNotAlmostEqual",
    "failUnless": "assertTrue", "failIf": "assertFalse", "failUnlessRaises": "assertRaises",
    "assertItemsEqual": "assertCountEqual", "assertRegexpMatches": "assertRegex",
    "assertNotRegexpMatches": "assertNotRegex", "assertRaisesRegexp": "assertRaisesRegex",
}


class UnittestAliases(Codemod):
    ID = "PY128"
    NAME = "unittest-aliases"
    DESCRIPTION = "deprecated unittest assertion alias renamed"
    TRIGGERS = frozenset(RENAMES) | {"assertDictContainsSubset"}
    EXAMPLES = (
        Example("self.assertEquals(a, b)\nself.failUnless(ok)\n", "self.assertEqual(a, b)\nself.assertTrue(ok)\n"),
        Example(
            "self.assertItemsEqual(xs, ys)\nwith self.assertRaisesRegexp(ValueError, 'bad'):\n    go()\n",
            "self.assertCountEqual(xs, ys)\nwith self.assertRaisesRegex(ValueError, 'bad'):\n    go()\n",
        ),
        Example("checker.assertEquals(a, b)\n"),
        Example(
            """
            class Case(object):
                def failIf(self, x):
                    return x
                def test(self):
                    self.failIf(1)
            """
        ),
        Example("self.assertDictContainsSubset(a, b)\n", review=("PY128",)),
    )

    def prepare(self, module: cst.Module) -> None:
        self._own = index(module).class_members()

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.Attribute:
        name = original_node.attr.value
        if not (isinstance(original_node.value, cst.Name) and original_node.value.value == "self") or name in self._own:
            return updated_node
        if name in RENAMES:
            self.changed(original_node, f"{name} → {RENAMES[name]}")
            return updated_node.with_changes(attr=cst.Name(RENAMES[name]))
        if name == "assertDictContainsSubset":
            self.review(original_node, "assertDictContainsSubset is gone in 3.12: self.assertEqual(actual, {**actual, **expected})")
        return updated_node
