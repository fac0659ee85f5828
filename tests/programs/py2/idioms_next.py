# Iterator classes with next(), .next() calls on generators, files and iterators.
class Countdown(object):
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def next(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1


class Steps(object):
    def __init__(self):
        self.i = 0

    def next(self):
        self.i += 1
        return self.i


def gen():
    yield "a"
    yield "b"


def main():
    print list(Countdown(3))
    c = Countdown(2)
    print c.next(), c.next()
    g = gen()
    print g.next(), g.next()
    it = iter([10, 20])
    print it.next()
    s = Steps()
    advance = s.next
    advance()
    print advance(), s.next()


main()
