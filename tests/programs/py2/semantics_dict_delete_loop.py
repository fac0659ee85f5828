# Deleting and adding keys while walking d.keys()/items()/values() (PyCQA/modernize#176).
hosts = {'web1': 'up', 'web2': 'down', 'db1': 'up', 'tmp1': 'down', 'tmp2': 'up'}

for name in hosts.keys():
    if name.startswith('tmp'):
        del hosts[name]
print sorted(hosts.keys())

for name, state in hosts.items():
    if state == 'down':
        hosts.pop(name)
        hosts[name + '-retired'] = state
print sorted(hosts.items())

counts = {1: 10, 2: 20, 3: 30}
for key in counts.keys():
    counts[key] = counts[key] + 1      # same key: no size change, no list() needed
print sorted(counts.items())

for value in counts.values():
    if value > 15:
        counts.clear()
print counts

registry = {'a': 1, 'b': 2, 'c': 3}


def forget(name):
    del registry[name]


for name in registry.keys():
    if name != 'b':
        forget(name)
print registry

data = dict((i, i * i) for i in range(6))
removed = [data.pop(k) for k in data.keys() if k % 2]
print sorted(removed), sorted(data)
