# f.xreadlines()
import os
import shutil
import tempfile

tmp = tempfile.mkdtemp()
try:
    path = os.path.join(tmp, "log")
    with open(path, "w") as fh:
        fh.write("one\ntwo\nthree\n")
    f = open(path)
    n = 0
    for line in f.xreadlines():
        n += len(line.strip())
    f.close()
    print n
    with open(path) as f2:
        it = f2.xreadlines()
        print [l.strip() for l in it]
finally:
    shutil.rmtree(tmp)
