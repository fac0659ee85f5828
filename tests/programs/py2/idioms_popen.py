# os.popen2 / os.popen3 / os.popen4 and the popen2 module.
import os
import popen2


def main():
    fin, fout = os.popen2("sort")
    fin.write("b\na\nc\n")
    fin.close()
    print fout.read().split()
    fout.close()
    fin, fout, ferr = os.popen3("echo out; echo err >&2")
    fin.close()
    print fout.read().strip(), ferr.read().strip()
    fin, both = os.popen4("echo one; echo two >&2")
    fin.close()
    print sorted(both.read().split())
    out, inp = popen2.popen2(["tr", "a-z", "A-Z"])
    inp.write("shout\n")
    inp.close()
    print out.read().strip()


main()
