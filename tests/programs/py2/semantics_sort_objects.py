# Sorting objects: cmp= with attributes, key= plus cmp=, reversed comparators and stability.
import operator


class Job(object):
    def __init__(self, name, prio, order):
        self.name = name
        self.prio = prio
        self.order = order

    def __repr__(self):
        return '%s/%d/%d' % (self.name, self.prio, self.order)


jobs = [Job('a', 2, 1), Job('b', 1, 2), Job('c', 2, 3), Job('d', 1, 4)]
print sorted(jobs, cmp=lambda x, y: cmp(x.prio, y.prio))
print sorted(jobs, cmp=lambda x, y: cmp(y.prio, x.prio))
print sorted(jobs, key=operator.attrgetter('prio'), cmp=lambda a, b: b - a)
jobs.sort(lambda x, y: cmp(x.name, y.name), reverse=True)
print jobs


def by_prio_then_name(x, y):
    return cmp(x.prio, y.prio) or cmp(x.name, y.name)


jobs.sort(cmp=by_prio_then_name)
print jobs
print max(jobs, key=operator.attrgetter('order'))
