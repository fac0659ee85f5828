# No-op __future__ imports go; division stays while / is used.
from __future__ import absolute_import, division, print_function, unicode_literals
from __future__ import with_statement


def main():
    print("half", 7 / 2, 7 // 2)
    total = 10
    total /= 4
    print("total", total)
    with open(__file__) as fh:
        print("lines>0", len(fh.read().splitlines()) > 0)


main()
