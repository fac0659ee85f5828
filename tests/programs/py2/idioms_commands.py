# commands.getoutput / getstatusoutput (status: the raw wait status in Python 2).
import commands
import os
from commands import getoutput


def main():
    print commands.getoutput("echo hello; echo oops >&2")
    print getoutput("printf 'a\\nb\\n\\n'").split("\n")
    status, out = commands.getstatusoutput("echo fine")
    if status != 0:
        print "failed"
    else:
        print "ok:", out
    rc, out = commands.getstatusoutput("echo bad; exit 3")
    print rc, os.WEXITSTATUS(rc), rc >> 8, out
    code, out = commands.getstatusoutput("kill -9 $$")
    print code, os.WIFSIGNALED(code)


main()
