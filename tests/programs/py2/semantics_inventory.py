# A small deploy inventory: groups, hosts with __cmp__, percentages, reports.
class Host(object):
    def __init__(self, name, weight):
        self.name = name
        self.weight = weight

    def __cmp__(self, other):
        return cmp((self.weight, self.name), (other.weight, other.name))

    def __nonzero__(self):
        return self.weight > 0

    def __repr__(self):
        return self.name


groups = {'web': [Host('web2', 3), Host('web1', 3)], 'db': [Host('db1', 5)], 'old': [Host('old1', 0)]}
for group in groups.keys():
    if not filter(None, groups[group]):
        del groups[group]
print sorted(groups.keys())

all_hosts = reduce(lambda acc, hs: acc + hs, groups.values(), [])
all_hosts.sort()
print all_hosts
heaviest = max(all_hosts)
print heaviest, heaviest == Host('db1', 5)

total = sum(h.weight for h in all_hosts)
for h in all_hosts:
    print h, h.weight * 100 // total, '%.1f' % (h.weight * 100.0 / total)

batches = []
size = len(all_hosts) / 2
for i in xrange(0, len(all_hosts), size):
    batches.append(all_hosts[i:i + size])
print batches
names = map(lambda h: h.name, all_hosts)
print names[-1], len(names)
ordered = sorted(groups.items(), cmp=lambda a, b: cmp(len(b[1]), len(a[1])))
print [g for g, hs in ordered]
