# __getslice__/__setslice__/__delslice__ with open ends and negative bounds.
class Seq(object):
    def __init__(self, items):
        self.items = list(items)

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]

    def __getslice__(self, i, j):
        return ('slice', i, min(j, 1000), self.items[i:j])

    def __setslice__(self, i, j, values):
        self.items[i:j] = list(values)

    def __delslice__(self, i, j):
        del self.items[i:j]


s = Seq(range(10))
print s[2], s[-1]
print s[2:4]
print s[:3]
print s[7:]
print s[-3:-1]
print s[::2]
s[0:2] = ['a', 'b', 'c']
print s.items
del s[-2:]
print s.items


class Raw(object):
    def __getslice__(self, i, j):
        return (i, j == 2147483647 or j > 2 ** 31)


r = Raw()
print r[1:5], r[-1:3], r[:2][0], r[3:][1]


class Tracked(list):
    def __getslice__(self, i, j):
        return Tracked(list.__getslice__(self, i, j))

    def __delslice__(self, i, j):
        list.__delslice__(self, i, j)


t = Tracked([1, 2, 3, 4])
print type(t[1:3]).__name__, t[1:3], t[-2:]
del t[:1]
print t
