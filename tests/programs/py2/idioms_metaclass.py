# __metaclass__ in the class body.
REGISTRY = []


class Registered(type):
    def __init__(cls, name, bases, ns):
        super(Registered, cls).__init__(name, bases, ns)
        if name != "Plugin":
            REGISTRY.append(name)


class Plugin(object):
    __metaclass__ = Registered


class Ssh(Plugin):
    pass


class Rsync(Plugin):
    """Copies files."""
    speed = 3


print sorted(REGISTRY)
print type(Ssh).__name__, Rsync.speed
