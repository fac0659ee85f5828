"""Move ``urllib``, ``urllib2`` and ``urlparse`` names to ``urllib.parse/request/error``.

What it does
    Each name goes where Python 3 keeps it, by qualified name, whatever the binding:
    ``urllib.quote(x)`` → ``urllib.parse.quote(x)``; ``import urllib as u; u.urlencode(q)``
    → ``import urllib.parse`` … ``urllib.parse.urlencode(q)``; ``from urllib2 import
    urlopen, HTTPError`` → ``from urllib.request import urlopen`` + ``from urllib.error
    import HTTPError``; ``import urlparse`` … ``urlparse.urljoin(a, b)`` →
    ``urllib.parse.urljoin(a, b)``. The import statement is replaced in place by the
    modules the file actually uses.

Why
    Python 3 split the three modules into the ``urllib`` package; the old names raise
    ImportError / AttributeError.

When it is unsafe
    ``urllib.urlopen`` of Python 2 returned error pages instead of raising, and accepted a
    ``proxies`` argument: its uses get a review. Request data and ``urlencode`` output that
    is sent must be bytes in Python 3 (``.encode()``). A bare ``urllib2`` passed around as
    an object becomes ``urllib.request`` (review). A binding that already has a Python 3
    fallback (``try: import urllib2 except ImportError: import urllib.request as
    urllib2``) is left alone.
"""
from __future__ import annotations

from codemods.base import Example
from codemods.py2._moves import Gone, Moves, Spec, To

_PARSE = ["quote", "quote_plus", "unquote", "unquote_plus", "urlencode", "splittype", "splithost", "splitport", "splituser", "splitpasswd", "splitquery", "splittag", "splitattr", "splitvalue", "splitnport", "unwrap"]
_REQUEST = ["urlopen", "install_opener", "build_opener", "Request", "OpenerDirector", "BaseHandler", "HTTPDefaultErrorHandler", "HTTPRedirectHandler", "HTTPCookieProcessor", "ProxyHandler", "HTTPPasswordMgr", "HTTPPasswordMgrWithDefaultRealm", "AbstractBasicAuthHandler", "HTTPBasicAuthHandler", "ProxyBasicAuthHandler", "AbstractDigestAuthHandler", "HTTPDigestAuthHandler", "ProxyDigestAuthHandler", "AbstractHTTPHandler", "HTTPHandler", "HTTPSHandler", "FileHandler", "FTPHandler", "CacheFTPHandler", "UnknownHandler", "HTTPErrorProcessor", "DataHandler", "parse_http_list", "parse_keqv_list", "getproxies", "url2pathname", "pathname2url", "urlretrieve", "urlcleanup", "URLopener", "FancyURLopener", "proxy_bypass", "ftpwrapper"]
_ERROR = ["URLError", "HTTPError", "ContentTooShortError"]

_URLOPEN = "urllib.urlopen returned HTTP error pages instead of raising HTTPError; urllib.request.urlopen raises"


def _table(parse=(), request=(), error=(), **extra):
    out = {n: To("urllib.parse") for n in parse}
    out.update({n: To("urllib.request") for n in request})
    out.update({n: To("urllib.error") for n in error})
    out.update(extra)
    return out


MODULES = {
    "urllib": Spec(attrs=_table(
        _PARSE, _REQUEST, _ERROR,
        urlopen=To("urllib.request", review=_URLOPEN),
        basejoin=To("urllib.parse", "urljoin"),
        toBytes=Gone("urllib.toBytes is gone: use str.encode"),
    ), keep=frozenset({"parse", "request", "error", "response", "robotparser"})),
    "urllib2": Spec(attrs=_table(_PARSE + ["urlparse", "urljoin"], _REQUEST, _ERROR), primary="urllib.request"),
    "urlparse": Spec(new="urllib.parse"),
}


class UrllibSplit(Moves):
    ID = "PY102"
    NAME = "urllib-split"
    DESCRIPTION = "urllib/urllib2/urlparse name moved into the urllib package"
    MODULES = MODULES
    TRIGGERS = frozenset({"urllib", "urllib2", "urlparse"})
    EXAMPLES = (
        Example("import urllib\ns = urllib.quote(x)\n", "import urllib.parse\ns = urllib.parse.quote(x)\n"),
        Example(
            "import urllib as u\ns = u.quote(x) + u.urlencode(q)\n",
            "import urllib.parse\ns = urllib.parse.quote(x) + urllib.parse.urlencode(q)\n",
        ),
        Example(
            """
            import os, urllib2
            try:
                urllib2.urlopen(urllib2.Request(url))
            except urllib2.HTTPError as e:
                pass
            """,
            """
            import os, urllib.request, urllib.error
            try:
                urllib.request.urlopen(urllib.request.Request(url))
            except urllib.error.HTTPError as e:
                pass
            """,
        ),
        Example(
            "from urllib2 import urlopen, HTTPError\n",
            "from urllib.request import urlopen\nfrom urllib.error import HTTPError\n",
        ),
        Example(
            "from urllib import quote as q, urlencode\n",
            "from urllib.parse import quote as q, urlencode\n",
        ),
        Example(
            "import urlparse\nu = urlparse.urlparse(x).netloc\n",
            "import urllib.parse\nu = urllib.parse.urlparse(x).netloc\n",
        ),
        Example("from urlparse import urljoin\n", "from urllib.parse import urljoin\n"),
        Example(
            "import urllib\nf = urllib.urlopen(u)\n",
            "import urllib.request\nf = urllib.request.urlopen(u)\n",
            review=("PY102",),
        ),
        Example(
            "import urllib2\nopener = urllib2\n",
            "import urllib.request\nopener = urllib.request\n",
            review=("PY102",),
        ),
        Example(
            """
            def fetch(url):
                import urllib2
                return urllib2.urlopen(url).read()
            """,
            """
            def fetch(url):
                import urllib.request
                return urllib.request.urlopen(url).read()
            """,
        ),
        # Already carries its Python 3 fallback: unchanged.
        Example(
            """
            try:
                import urllib2
            except ImportError:
                import urllib.request as urllib2
            urllib2.urlopen(u)
            """
        ),
        Example(
            """
            try:
                from urllib.parse import quote
            except ImportError:
                from urllib import quote
            """,
            """
            try:
                from urllib.parse import quote
            except ImportError:
                from urllib.parse import quote
            """,
        ),
        Example("import urllib.parse\ns = urllib.parse.quote(x)\n"),
    )
