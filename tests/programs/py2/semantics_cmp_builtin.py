# The cmp() builtin: numbers, strings, tuples, and arguments with side effects.
print cmp(1, 2), cmp(2, 2), cmp(3, 2)
print cmp('a', 'b'), cmp((1, 2), (1, 1)), cmp([1], [1])
calls = []


def value(x):
    calls.append(x)
    return x


print cmp(value(5), value(7))
print calls


class Box(object):
    def __init__(self, n):
        self.n = n


a, b = Box(1), Box(2)
print cmp(a.n, b.n), cmp(b.n, a.n)
compare = cmp
print compare(4, 3)
print reduce(lambda acc, x: acc + cmp(x, 2), [1, 2, 3, 4], 0)
table = {'x': 3, 'y': 1}
print cmp(table['x'], table['y']) > 0
