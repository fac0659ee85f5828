# apply() and execfile().
import os
import shutil
import tempfile


def add(a, b, c=0):
    return a + b + c


def main():
    args = (1, 2)
    print apply(add, args)
    print apply(add, (1, 2), {"c": 10})
    print apply(add, [3, 4])
    tmp = tempfile.mkdtemp()
    try:
        path = os.path.join(tmp, "settings.py")
        with open(path, "w") as fh:
            fh.write("HOSTS = ['a', 'b']\nPORT = 22 * 2\n")
        conf = {}
        execfile(path, conf)
        print conf["HOSTS"], conf["PORT"]
    finally:
        shutil.rmtree(tmp)


main()
