# range() results stored, returned, mutated and compared; xrange as a sequence.
class Plan(object):
    def __init__(self, n):
        self.steps = range(n)

    def add(self, x):
        self.steps.append(x)


p = Plan(3)
p.add(9)
print p.steps


def numbers(n):
    return range(n)


nums = numbers(4)
nums.remove(2)
print nums, nums == [0, 1, 3]
backwards = range(5)[::-1]
print backwards
x = xrange(5)
print len(x), x[2], 4 in x, list(x)
evens = range(0, 10, 2)
print evens.index(4), evens.count(6)
grid = [range(3) for _ in range(2)]
grid[0][0] = 'X'
print grid
both = range(2) * 2
print both
