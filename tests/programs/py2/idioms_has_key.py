# d.has_key(k) -> k in d, with the precedence kept.
import os


def main():
    d = {"a": 1, "b": 2}
    print d.has_key("a"), d.has_key("z")
    print not d.has_key("z")
    print 1 + d.has_key("a")
    env = dict(os.environ)
    env["DEPLOY"] = "1"
    if env.has_key("DEPLOY") and not env.has_key("NOPE-NOT-SET"):
        print "env ok"
    keys = ["a", "c"]
    print [k for k in keys if d.has_key(k)]


main()
