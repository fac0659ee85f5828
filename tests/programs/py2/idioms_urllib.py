# urllib / urllib2 / urlparse split into urllib.parse / request / error.
import urllib
import urllib as u
import urllib2
import urlparse
from urlparse import urljoin
from urllib2 import Request, HTTPError


def main():
    print urllib.quote("a b/c")
    print u.quote_plus("a b&c")
    print urllib.unquote("a%20b")
    print urllib.urlencode([("q", "deploy"), ("n", 3)])
    parts = urlparse.urlparse("http://example.com:8080/path?x=1#frag")
    print parts.scheme, parts.netloc, parts.path, parts.query, parts.fragment
    print urljoin("http://example.com/a/b", "../c")
    print urlparse.urlsplit("https://h/p").hostname
    req = urllib2.Request("http://example.com/api", headers={"X-Token": "t"})
    print req.get_full_url(), req.get_method()
    post = Request("http://example.com/api", data=urllib.urlencode([("a", "1")]))
    print post.get_method()
    print issubclass(HTTPError, urllib2.URLError)
    print issubclass(urllib2.HTTPError, Exception)


main()
