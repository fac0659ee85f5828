# Classes with __cmp__ only: sorted(), ==, !=, <, max, membership, hashing, NotImplemented.
class Version(object):
    def __init__(self, text):
        self.parts = tuple(int(p) for p in text.split('.'))
        self.text = text

    def __cmp__(self, other):
        return cmp(self.parts, other.parts)

    def __repr__(self):
        return 'V(%s)' % self.text


vs = [Version('1.10'), Version('1.2'), Version('0.9'), Version('1.2')]
print sorted(vs)
print max(vs), min(vs)
print vs[1] == vs[3], vs[1] != vs[3], vs[0] > vs[1], vs[2] <= vs[0]
print Version('1.2') in vs
seen = set(vs)
print len(seen)
index = {vs[0]: 'first'}
print index[vs[0]]
print sorted(vs, reverse=True)[0]


class Loose:
    def __init__(self, n):
        self.n = n

    def __cmp__(self, other):
        if not isinstance(other, Loose):
            return NotImplemented
        return cmp(self.n, other.n)


print Loose(1) < Loose(2), Loose(3) == Loose(3), Loose(1) == 'x'
try:
    hash(Loose(1))
    print 'hashable'
except TypeError:
    print 'unhashable'


class Base(object):
    def __init__(self, n):
        self.n = n

    def __cmp__(self, other):
        return cmp(self.n, other.n)


class Child(Base):
    pass


print Child(2) > Base(1), sorted([Child(3), Base(1), Child(2)])[0].n
