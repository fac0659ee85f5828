# os.getcwdu, sys.maxint, itertools.imap/izip/ifilter/izip_longest/ifilterfalse,
# string.letters/lowercase/maketrans, base64.encodestring.
import base64
import itertools
import os
import string
import sys
from itertools import imap, izip, ifilter, izip_longest, count, repeat


def main():
    here = os.getcwdu()
    print type(here).__name__ in ("unicode", "str"), here == os.getcwd()
    print sys.maxint == 2 ** 63 - 1
    print list(imap(str, [1, 2, 3]))
    doubled = itertools.imap(lambda x: x * 2, [1, 2, 3])
    print next(doubled), list(doubled)
    for i, name in izip(count(), ["a", "b"]):
        print i, name
    pairs = dict(izip(["k1", "k2"], [1, 2]))
    print sorted(pairs.items())
    print list(itertools.imap(lambda a, b: a + b, [1, 2, 3], repeat(10)))
    evens = ifilter(lambda x: x % 2 == 0, range(6))
    print list(evens)
    print list(itertools.ifilterfalse(lambda x: x % 2, range(6)))
    print list(izip_longest("ab", "xyz", fillvalue="-"))
    print "z" in string.letters, string.lowercase[:3], string.uppercase[-2:]
    table = string.maketrans("abc", "xyz")
    print "aabbcc".translate(table)
    print base64.encodestring(b"deploy").strip() == b"ZGVwbG95"


main()
