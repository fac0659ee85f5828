# sys.exc_type / exc_value / exc_traceback, sys.exc_clear, sys.exitfunc.
import sys


def bye():
    print "exit handler ran"


def main():
    try:
        int("x")
    except ValueError:
        print sys.exc_type.__name__
        print str(sys.exc_value)[:20]
        print sys.exc_traceback is not None
        sys.exc_clear()
    sys.exitfunc = bye
    print "main done"


main()
