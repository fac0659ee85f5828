# generator.throw(E, V) and throw(E, V, tb).
import sys


def worker():
    while True:
        try:
            yield "ready"
        except ValueError as e:
            yield "caught %s" % e


def main():
    g = worker()
    print g.next()
    print g.throw(ValueError, "bad input")
    print g.next()
    print g.throw(ValueError, ("tuple arg",))
    try:
        raise KeyError("k")
    except KeyError:
        tb = sys.exc_info()[2]
    g.next()
    print g.throw(ValueError, "with tb", tb)


main()
