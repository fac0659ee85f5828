# Printing Python 2 lists that are lazy objects in Python 3.
import json

print map(abs, [-1, -2])
print filter(None, [0, 3])
print zip('ab', [1, 2])
print range(4)
print {'k': 1}.keys(), {'k': 1}.values(), {'k': 1}.items()
print '%s and %r' % (range(2), zip([1], [2]))
print 'values: ' + str(map(str, [1, 2]))
print repr(filter(lambda c: c in 'aeiou', ['a', 'b', 'e']))
print json.dumps({'n': range(3)}), json.dumps(map(len, ['ab', 'c']))
print '{0}'.format({'x': 2}.keys())
print [range(2), zip([1], [2])]
