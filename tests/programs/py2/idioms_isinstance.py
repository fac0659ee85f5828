# isinstance tuples that become duplicates after the renames.
import types


def kind(x):
    if isinstance(x, (int, long)):
        return "int"
    if isinstance(x, (str, unicode)):
        return "text"
    if isinstance(x, types.StringTypes):
        return "never"
    if isinstance(x, (float, types.FloatType)):
        return "float"
    return "other"


print kind(1), kind(10 ** 30), kind("a"), kind(u"b"), kind(1.5), kind(None)
