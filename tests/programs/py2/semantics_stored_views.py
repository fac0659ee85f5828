# keys()/values() kept in variables: later changes to the dict, returns, closures.
config = {'port': '80'}
names = config.keys()
config['host'] = 'x'
print names

vals = config.values()
config.clear()
print sorted(vals)  # ['80', 'x']


def keys_of(d):
    ks = d.keys()
    return ks


got = keys_of({'z': 1})
got.append('extra')
print got

state = {'a': 1}


def make_reader():
    snapshot = state.keys()

    def read():
        return snapshot

    return read


reader = make_reader()
state['b'] = 2
print reader()

d = {'q': 1}
ks = d.keys()
for k in ks:
    print 'key', k
print len(ks), 'q' in ks
items = d.items()
d['r'] = 2
print items
