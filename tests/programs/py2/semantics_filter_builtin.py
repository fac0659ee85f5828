# filter(): lists, truth value, len(), strings and tuples keep their type.
values = [0, 1, '', 'a', None, 2]
print filter(None, values)
print len(filter(None, values))
if not filter(lambda v: v == 99, values):
    print 'no 99'
print filter(str.isdigit, 'a1b2c3')
print filter(None, (0, 1, 2, 0))
print filter(lambda c: c != 'l', 'hello world'.strip())


def evens(xs):
    return filter(lambda x: x % 2 == 0, xs)


e = evens(range(10))
print e, e[0]
got = []
for x in filter(None, [3, 0, 4]):
    got.append(x)
print got
print sorted(filter(None, [5, 0, 1]))
