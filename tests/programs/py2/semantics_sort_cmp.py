# cmp= sorts: keyword, positional, with key= and reverse=, the cmp builtin as comparator.
words = ['banana', 'Apple', 'cherry', 'date', 'Elder']


def by_length(a, b):
    return cmp(len(a), len(b))


def ci(a, b):
    return cmp(a.lower(), b.lower())


print sorted(words, cmp=by_length)
print sorted(words, cmp=ci, reverse=True)
print sorted(words, ci)
print sorted(words, by_length, str.lower)
print sorted(words, cmp=lambda x, y: cmp(x[-1], y[-1]))
print sorted(words, cmp=lambda x, y: cmp(y[1], x[1]))
print sorted(words, cmp=cmp)
print sorted(words, cmp=None, key=len)

items = [3, 1, 2]
items.sort(lambda a, b: b - a)
print items
items.sort(cmp=lambda a, b: cmp(a % 3, b % 3))
print items
items.sort(cmp)
print items
pairs = [(1, 'b'), (0, 'a'), (1, 'a')]
pairs.sort(cmp=lambda p, q: cmp(p[0], q[0]), reverse=True)
print pairs
pairs.sort(None, lambda p: p[1])
print pairs
