# iteritems/iterkeys/itervalues and the view* methods.
d = {'b': 2, 'a': 1, 'c': 3}

total = 0
for k, v in d.iteritems():
    total += v
print total

print sorted(d.iterkeys()), sorted(d.itervalues())
print 'a' in d.iterkeys(), 'z' in d.iterkeys()

single = {'k': 'v'}
it = single.iteritems()
print it.next()
try:
    it.next()
except StopIteration:
    print 'exhausted'

values = single.itervalues()
print next(values)


def pairs(m):
    return m.iteritems()


p = pairs(single)
print list(p), list(p)

print sorted(d.viewkeys() & set(['a', 'c', 'z']))
print sorted(d.viewitems())[0]
print sum(v for v in d.itervalues() if v > 1)
inverse = dict((v, k) for k, v in d.iteritems())
print sorted(inverse.items())
