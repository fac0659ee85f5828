# Renamed standard-library modules: Queue, cPickle, StringIO, ConfigParser, repr,
# htmlentitydefs, HTMLParser, __builtin__, UserDict, copy_reg, cElementTree, email.MIMEText.
import Queue
import cPickle as pickle
import StringIO
from cStringIO import StringIO as CStringIO
import ConfigParser
import repr as reprlib_mod
import htmlentitydefs
from HTMLParser import HTMLParser
import __builtin__
import UserDict
import copy_reg
import xml.etree.cElementTree as ET
import email.MIMEText


def queues():
    q = Queue.Queue()
    for i in range(3):
        q.put(i)
    out = []
    while not q.empty():
        out.append(q.get())
    print "queue:", out
    try:
        q.get_nowait()
    except Queue.Empty:
        print "queue empty"


def pickling():
    data = {"a": 1, "b": [1, 2]}
    again = pickle.loads(pickle.dumps(data))
    print "pickle:", sorted(again.items())


def config():
    text = "[main]\nname = deploy\nport = 8080\n"
    cp = ConfigParser.SafeConfigParser()
    cp.readfp(StringIO.StringIO(text))
    print "config:", cp.get("main", "name"), cp.getint("main", "port")
    try:
        cp.get("missing", "x")
    except ConfigParser.NoSectionError:
        print "no section"


class Links(HTMLParser):
    def __init__(self):
        HTMLParser.__init__(self)
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append(dict(attrs).get("href"))


class Settings(UserDict.UserDict):
    pass


def main():
    queues()
    pickling()
    config()
    buf = CStringIO()
    buf.write("hello ")
    buf.write("world")
    print "cStringIO:", buf.getvalue()
    print "repr:", reprlib_mod.repr(range(100))[:20]
    print "entity:", htmlentitydefs.name2codepoint["amp"]
    p = Links()
    p.feed('<p><a href="/one">1</a><a href="/two">2</a></p>')
    print "links:", p.links
    print "builtin len:", __builtin__.len("abc")
    s = Settings(a=1)
    s["b"] = 2
    print "userdict:", sorted(s.keys())
    print "copy_reg:", callable(copy_reg.pickle)
    root = ET.fromstring("<r><x>1</x><x>2</x></r>")
    print "etree:", [e.text for e in root.findall("x")]
    msg = email.MIMEText.MIMEText("body text")
    print "mime:", msg.get_content_type()


main()
