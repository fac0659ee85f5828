# map/filter functions with side effects: Python 2 ran them all, at once, before the loop.
log = []


def check(x):
    log.append('check %d' % x)
    return x > 1


def show(x):
    log.append('show %d' % x)
    return x


for v in filter(check, [1, 2, 3]):
    log.append('got %d' % v)
print log

del log[:]
print any(map(check, [5, 0, 7]))
print log

del log[:]
found = 2 in map(show, [1, 2, 3])
print found, log

del log[:]
results = map(show, [4, 5])
log.append('between')
print results, log

queue = [1, 2]
for a, b in zip(queue, queue):
    if a < 5:
        queue.append(a + 10)
print queue

seen = []
for n in map(lambda x: x * 2, seen):
    seen.append(n)
print seen
