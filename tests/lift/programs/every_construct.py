# -*- coding: utf-8 -*-
"""One Python 2 program using every construct the lift rewrites.

Run under Python 2.7, then lifted and run under Python 3: stdout, stderr and the exit
status must be identical.  Everything printed is deterministic.
"""
import sys


class Problem(Exception):
    pass


def section(name):
    print
    print "==", name


def show_print():
    section("print")
    print "plain", 1, 2.5, None
    print "one", ; print "two",; print "three"
    print "a", "b",
    print "c"
    print ("tuple", "of", 3)
    print ("single")
    print ()
    print ("one-tuple",)
    print >>sys.stderr, "to stderr", 42
    print >>sys.stderr, "stderr trailing",
    print >>sys.stderr, "done"
    print >>sys.stdout, "explicit stdout"
    print "%s-%d" % ("fmt", 7), \
        "continued"


def show_exec():
    section("exec")
    code = "result = x * 2"
    g = {"x": 21}
    exec code in g
    print "global namespace:", g["result"]
    l = {}
    exec "y = x + 1" in g, l
    print "local namespace:", l["y"]
    ns = {}
    exec "z = 5" in ns
    print "z is", ns["z"]


def show_literals():
    section("literals")
    print `42`, `"quote"`, `(1, "a")`
    print "repr of sum:", `1 + 2`
    if 1 <> 2:
        print "1 <> 2 is true"
    print 3 <> 3
    print "octal", 0777, 0644, 00, 0
    print "long", 10L, 0L, 0777L, 0XFFL, 10l * 2
    print "raw unicode", [ord(c) for c in ur'\d+\w'], len(ur'\d+')
    print "raw unicode escape", [ord(c) for c in ur'caf\u00e9'], len(ur'\\u00e9'), len(ur'a\u00e9\n')
    print "comprehension over a bare tuple", [x * 2 for x in 1, 2, 3]
    print "escapes kept literal", len("C:\Users\new"[3:]), "\N" == "\\N"


def show_except():
    section("except")
    try:
        {}["missing"]
    except KeyError, e:
        print "caught KeyError", e
    try:
        int("x")
    except (TypeError, ValueError), e:
        print "caught", type(e).__name__
    try:
        raise Problem("first", "second")
    except Problem, (a, b):
        print "unpacked", a, b
    try:
        raise Problem, "with a value"
    except Problem, e:
        print "raise E, V ->", type(e).__name__, e.args
    try:
        raise Problem, ("x", 1)
    except Problem, e:
        print "raise E, tuple ->", e.args
    try:
        try:
            1 / 0
        except ZeroDivisionError:
            tb = sys.exc_info()[2]
            raise Problem, "with traceback", tb
    except Problem, e:
        print "raise E, V, T ->", e.args, sys.exc_info()[2] is not None


def add_pair((a, b), c=0):
    """Tuple parameter after a docstring."""
    return a + b + c


def nested((a, (b, c)), (d, e)=(4, 5)):
    return [a, b, c, d, e]


def show_params():
    section("tuple parameters")
    print add_pair((1, 2)), add_pair((1, 2), 3)
    print nested((1, (2, 3)))
    print nested((1, (2, 3)), (6, 7))
    swap = lambda (x, y): (y, x)
    print swap((1, 2))
    pairs = sorted([("b", 2), ("a", 3), ("c", 1)], key=lambda (k, v): v)
    print pairs
    deep = lambda (a, (b, c)), d=10: a + b + c + d
    print deep((1, (2, 3)))
    try:
        swap((1, 2, 3))
    except ValueError:
        print "lambda unpacking checks the length"


class Task(object):
    def __init__(self):
        self.async = 3


def await(value, async=False):
    return value if not async else -value


def show_names():
    section("async and await as names")
    async = 1
    print "async =", async
    print await(5), await(5, async=True)
    print Task().async


def mixed_indentation(n):
	total = 0
	for i in range(n):
		total += i
        if total > 3:
		print "big", total
        return total


def show_indentation():
    section("tabs and spaces")
    print mixed_indentation(4)


def main():
    show_print()
    show_exec()
    show_literals()
    show_except()
    show_params()
    show_names()
    show_indentation()
    print
    print "exit", 3
    sys.exit(3)


if __name__ == "__main__":
    main()
