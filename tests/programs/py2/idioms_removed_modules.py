# Modules removed in Python 3: md5, sha, sets, exceptions, pipes, new.
import md5
import sha
import sets
from sets import ImmutableSet
import exceptions
import pipes
import new


class DeployError(exceptions.StandardError):
    pass


def double(self):
    return self.value * 2


class Box(object):
    def __init__(self, value):
        self.value = value


def main():
    print md5.new(b"abc").hexdigest()
    print md5.md5(b"abc").hexdigest() == md5.new(b"abc").hexdigest()
    print sha.new(b"abc").hexdigest()
    s = sets.Set([3, 1, 2])
    s.add(2)
    print sorted(s)
    f = ImmutableSet([1, 2])
    print sorted(f), 2 in f
    try:
        raise DeployError("boom")
    except exceptions.Exception as e:
        print "caught", type(e).__name__, str(e)
    print pipes.quote("it's here")
    b = Box(21)
    m = new.instancemethod(double, b, Box)
    print m()
    Dyn = new.classobj("Dyn", (object,), {"x": 5})
    print Dyn().x


main()
