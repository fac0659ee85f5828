# types.StringType and friends.
import types
from types import ListType, DictType


def name_of(x):
    if type(x) is types.IntType:
        return "int"
    if isinstance(x, types.StringTypes):
        return "str"
    if isinstance(x, ListType):
        return "list"
    if isinstance(x, DictType):
        return "dict"
    if x is None and type(x) is types.NoneType:
        return "none"
    if isinstance(x, (types.TupleType, types.BooleanType)):
        return "tuple-or-bool"
    return "?"


print [name_of(v) for v in (1, "s", u"u", [1], {}, None, (1,), 2.0)]
print types.FunctionType is type(name_of)
