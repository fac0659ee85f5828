# Names that look like Python 2 idioms but are the program's own: must stay as they are.
import urllib as u

try:
    unicode
except NameError:
    unicode = str


def long(x):
    return "long:%s" % x


def reduce(f, xs):
    return "my reduce"


class Node(object):
    def __init__(self):
        self.next = None
        self.message = "node message"


def main(file="config.ini", input=None):
    print file, input
    print long(3), reduce(None, [])
    n = Node()
    print n.next, n.message
    print u.quote("x y")
    print unicode("abc")
    queue = [1, 2]
    print queue


main()
