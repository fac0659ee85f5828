# keys()/values()/items() used as lists: indexing, concatenation, sort(), printing, json.
import json

single = {'only': 1}
print single.keys()[0], single.values()[0], single.items()[0]
print single.keys(), single.values(), single.items()
print json.dumps(single.keys())
print '%s' % single.keys()

a = {'x': 1, 'y': 2}
b = {'y': 20, 'z': 30}
merged = dict(a.items() + b.items())
print sorted(merged.items())

names = a.keys()
names.sort()
print names
names.append('w')
print names

everything = a.keys() + b.keys()
print sorted(everything), len(everything)

print 'x' in a.keys(), 'q' in a.keys(), 'q' not in b.keys()
print len(a.keys()), sum(a.values()), max(b.values())
print ', '.join(sorted(b.keys()))


def first_key(d):
    return sorted(d.keys())[0]


def all_keys(d):
    return d.keys()


ks = all_keys(b)
ks.sort(reverse=True)
print first_key(b), ks
print a.keys() == ['x', 'y'] or a.keys() == ['y', 'x']
