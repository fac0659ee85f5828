# A module that defines has_key itself keeps every .has_key call.
class Caseless(object):
    def __init__(self, *names):
        self.names = set(n.lower() for n in names)

    def has_key(self, name):
        return name.lower() in self.names


c = Caseless("Web", "DB")
print c.has_key("WEB"), c.has_key("cache")
