# Iterators from iteritems()/itervalues(): next(), .next(), partial consumption.
d = {'only': 1}
print d.iteritems().next()
print next(d.itervalues())
it = d.iterkeys()
first = next(it)
rest = list(it)
print first, rest

numbers = dict((i, i * 10) for i in range(1, 4))
values = numbers.itervalues()
head = next(values)
tail = sorted(values)
print head in (10, 20, 30), len(tail)


def gen(m):
    return m.iteritems()


g = gen({'a': 1})
print list(g), list(g)
if numbers.iteritems():
    print 'iterator is true'
