# __div__, __rdiv__, __idiv__ on a value class.
class Money(object):
    def __init__(self, cents):
        self.cents = cents

    def __div__(self, n):
        return Money(self.cents // n)

    def __rdiv__(self, n):
        return n // self.cents

    def __idiv__(self, n):
        self.cents = self.cents // n
        return self

    def __repr__(self):
        return 'Money(%d)' % self.cents


m = Money(1000)
print m / 3
print 10000 / m
m /= 4
print m
print m.__div__(2)


class Ratio(object):
    def __init__(self, v):
        self.v = v

    def __div__(self, other):
        return Ratio(self.v * 10 // other)

    __truediv__ = __div__


print (Ratio(5) / 2).v
