# The file builtin, and locals called file that must not change.
import os
import shutil
import tempfile


def count_lines(file):
    n = 0
    for line in file:
        n += 1
    return n


def show(paths):
    for file in paths:
        print os.path.basename(file)


def main():
    tmp = tempfile.mkdtemp()
    try:
        path = os.path.join(tmp, "hosts.txt")
        out = file(path, "w")
        out.write("web1\nweb2\ndb1\n")
        out.close()
        f = file(path)
        print isinstance(f, file), isinstance("x", file)
        print count_lines(f)
        f.close()
        show([path])
        with open(path) as fh:
            print fh.read().split()
    finally:
        shutil.rmtree(tmp)


main()
