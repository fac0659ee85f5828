# __nonzero__ -> __bool__, __unicode__ -> __str__ (with and without a byte-string __str__).
class Pool(object):
    def __init__(self, members):
        self.members = members

    def __nonzero__(self):
        return len(self.members) > 1


print bool(Pool([1])), bool(Pool([1, 2]))
if Pool([]):
    print 'truthy'
else:
    print 'falsy'


class Host(object):
    def __init__(self, name):
        self.name = name

    def __unicode__(self):
        return u'host:%s' % self.name

    def __str__(self):
        return unicode(self).encode('utf-8')


h = Host('web1')
print unicode(h)
print str(h)
print '%s' % h


class Tag(object):
    def __unicode__(self):
        return u'tag!'


print unicode(Tag())


class Child(Pool):
    def __nonzero__(self):
        return Pool.__nonzero__(self) and 'x' in self.members


print bool(Child(['x', 'y'])), bool(Child(['a', 'b']))
