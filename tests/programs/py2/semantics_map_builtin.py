# map(): padding with None, map(None, ...), side effects, len/index, laziness.
print map(None, [1, 2, 3], 'ab')
print map(None, [1, 2])
print map(lambda a, b: (a, b), [1, 2, 3], [4])
print map(str, [1, 2, 3])[1], len(map(int, ['1', '2']))

seen = []


def remember(x):
    seen.append(x)
    return x * 2


map(remember, [1, 2, 3])
print seen

order = []


def loud(x):
    order.append('f%d' % x)
    return x


for y in map(loud, [1, 2]):
    order.append('body%d' % y)
print order

try:
    ports = map(int, ['80', 'x'])
except ValueError:
    ports = []
print ports

nums = map(int, '1 2 3'.split())
print sum(nums), nums
a, b = map(int, ['5', '6'])
print a + b
print ', '.join(map(str, [7, 8]))
if map(None, []):
    print 'non-empty'
else:
    print 'empty'
