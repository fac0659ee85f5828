# A dict attribute changed by other methods while a loop walks its keys()/items().
class Inventory(object):
    def __init__(self):
        self.hosts = {}
        for i in range(6):
            self.hosts['h%d' % i] = i

    def retire(self, name):
        del self.hosts[name]

    def note(self, name):
        return name.upper()

    def prune(self):
        for name in self.hosts.keys():
            if self.hosts[name] % 2:
                self.retire(name)

    def rename(self):
        for name, value in self.hosts.items():
            self.hosts[name.upper()] = value
            del self.hosts[name]

    def bump(self):
        for name in self.hosts.keys():
            self.hosts[name] = self.hosts[name] + 100
            self.note(name)

    def dump(self):
        return sorted(self.hosts.items())


inv = Inventory()
inv.prune()
print inv.dump()
inv.bump()
print inv.dump()
inv.rename()
print inv.dump()

CACHE = {'a': 1, 'b': 2, 'c': 3}


def evict(key):
    CACHE.pop(key, None)


def sweep():
    for key in CACHE.keys():
        if key != 'b':
            evict(key)


sweep()
print CACHE
