"""Replace the ``types`` constants Python 3 removed by the builtins they named.

What it does
    ``types.StringType``/``UnicodeType`` → ``str``, ``IntType``/``LongType`` → ``int``,
    ``FloatType``, ``BooleanType``, ``ComplexType``, ``DictType``/``DictionaryType``,
    ``ListType``, ``TupleType``, ``ObjectType``, ``TypeType``/``ClassType``, ``SliceType``,
    ``XRangeType`` (→ ``range``), ``BufferType`` (→ ``memoryview``) → the builtin;
    ``StringTypes`` → ``(str,)``; ``DictProxyType`` → ``types.MappingProxyType``;
    ``NoneType``/``NotImplementedType``/``EllipsisType`` → ``type(None)``/… when the target
    Python is older than 3.10 (from 3.10 ``types`` has them again, so they stay).
    ``from types import StringType`` disappears and the uses are renamed.

Why
    The constants are gone in Python 3 (AttributeError / ImportError).

When it is unsafe
    ``StringType`` was the byte-string type; if the check guarded bytes, use ``bytes``.
    ``InstanceType`` (old-style instances) and ``FileType`` (→ ``io.IOBase``) get reviews.
"""
from __future__ import annotations

from codemods.base import Example
from codemods.py2._moves import Gone, Moves, Spec, To

_BUILTIN = {
    "StringType": "str", "UnicodeType": "str", "IntType": "int", "LongType": "int", "FloatType": "float",
    "BooleanType": "bool", "ComplexType": "complex", "DictType": "dict", "DictionaryType": "dict",
    "ListType": "list", "TupleType": "tuple", "ObjectType": "object", "TypeType": "type", "ClassType": "type",
    "SliceType": "slice", "XRangeType": "range", "BufferType": "memoryview", "StringTypes": "(str,)",
}
_NEW_IN_310 = {"NoneType": "type(None)", "NotImplementedType": "type(NotImplemented)", "EllipsisType": "type(Ellipsis)"}

MODULES = {
    "types": Spec(removed=False, attrs={
        **{k: To("builtins", v) for k, v in _BUILTIN.items()},
        **{k: To("builtins", v) for k, v in _NEW_IN_310.items()},
        "DictProxyType": To("types", "MappingProxyType"),
        "UnboundMethodType": To("types", "FunctionType", review="unbound methods are plain functions in Python 3"),
        "FileType": To("io", "IOBase", review="file objects: io.IOBase (text files are io.TextIOBase)"),
        "InstanceType": Gone("old-style class instances are gone: every instance is an object"),
    }),
}


class TypesModule(Moves):
    ID = "PY121"
    NAME = "types-module"
    DESCRIPTION = "types constant → builtin type"
    MODULES = MODULES
    TRIGGERS = frozenset(MODULES["types"].attrs)
    EXAMPLES = (
        Example(
            "import types\nok = isinstance(x, types.StringTypes) or type(x) is types.IntType\n",
            "import types\nok = isinstance(x, (str,)) or type(x) is int\n",
        ),
        Example(
            "from types import ListType, TupleType\nok = isinstance(x, (ListType, TupleType))\n",
            "ok = isinstance(x, (list, tuple))\n",
        ),
        Example("import types\nt = types.NoneType\n"),
        Example("import types\nt = types.DictProxyType\n", "import types\nt = types.MappingProxyType\n"),
        Example("import types\nok = type(x) is types.InstanceType\n", review=("PY121",)),
        Example(
            """
            from types import StringType
            def f(str):
                return isinstance(str, StringType)
            """,
            """
            from builtins import str as StringType
            def f(str):
                return isinstance(str, StringType)
            """,
        ),
    )

    def _target(self, module, attr):
        if attr in _NEW_IN_310 and self._modern():
            return None
        return super()._target(module, attr)

    def _modern(self) -> bool:
        version = str(self.options.get("target_version") or "3.11")
        try:
            major, minor = (int(p) for p in version.split(".")[:2])
        except ValueError:
            return True
        return (major, minor) >= (3, 10)
