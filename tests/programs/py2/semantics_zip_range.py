# zip() and range()/xrange() as lists.
names = ['a', 'b', 'c']
ages = [1, 2, 3]
print zip(names, ages)[0], len(zip(names, ages))
pairs = zip(names, ages)
seen = []
for n, a in pairs:
    seen.append(n)
for n, a in pairs:
    seen.append(a)
print seen
print dict(zip(names, ages)) == {'a': 1, 'b': 2, 'c': 3}
rows = [(1, 2), (3, 4)]
print zip(*rows)
cols = zip(*rows)
print cols[1]

r = range(3) + [5]
print r
order = range(5)
order.reverse()
print order
print range(10)[2:5], range(10)[3], 3 in range(5), len(range(4))
total = 0
for i in xrange(4):
    total += i
print total
print range(3) == [0, 1, 2]
steps = range(0, 10, 3)
steps.append(99)
print steps
print [i * i for i in xrange(3)]
print list(reversed(range(3)))
