# Instances of __cmp__ classes used in sets and as dict keys (hash by identity, as in Python 2).
class Node(object):
    def __init__(self, label):
        self.label = label

    def __cmp__(self, other):
        return cmp(self.label, other.label)

    def __repr__(self):
        return 'Node(%s)' % self.label


a1, a2, b = Node('a'), Node('a'), Node('b')
print a1 == a2, a1 is a2
print len(set([a1, a2, b]))
edges = {a1: [b], b: []}
print edges[a1], a2 in edges, a1 in edges
print sorted([b, a2, a1])
print sorted(edges.keys())[0]


class Tree(Node):
    def __hash__(self):
        return hash(self.label)


print len(set([Tree('x'), Tree('x')]))
