# map() over several iterables pads the shorter ones with None.
def join(a, b):
    return '%s-%s' % (a, b)


print map(join, 'abc', [1])
print map(None, 'ab', 'xyz', [1])
lists = [[1, 2, 3], [4]]
print map(lambda *xs: xs, *lists)
print map(max, [1, 5], [3, 2])
total = 0
for a, b in map(None, [1, 2, 3], [10]):
    total += a + (b or 0)
print total
print map(lambda a, b: a, 'xy', 'xy')
