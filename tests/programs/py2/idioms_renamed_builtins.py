# unicode, unichr, long, StandardError, buffer, basestring.
class ConfigError(StandardError):
    pass


def describe(value):
    if isinstance(value, basestring):
        return "text"
    if isinstance(value, (int, long)):
        return "number"
    return "other"


def main():
    s = unicode("abc")
    print s.upper(), len(s)
    print unichr(65) + unichr(0x42)
    n = long("12345678901234567890")
    print n + 1
    print describe("x"), describe(u"y"), describe(3), describe(n), describe([])
    try:
        raise ConfigError("bad config")
    except StandardError as e:
        print "error:", str(e)
    data = b"hello world"
    view = buffer(data, 6, 5)
    print len(view)
    print unicode(42) + u"!"


main()
