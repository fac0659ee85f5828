"""Encode a text ``data`` argument of ``urllib2.Request``/``urlopen`` (``urllib.request``).

What it does
    The ``data`` of ``urllib2.Request(url, data, ...)``, ``urllib2.urlopen(url, data)`` and of
    their Python 3 names ``urllib.request.Request``/``urlopen`` (matched by qualified name, so
    also after ``from urllib2 import Request``) gets ``.encode('utf-8')`` when it is certainly
    text: ``json.dumps(...)``, ``urllib.urlencode(...)``/``urllib.parse.urlencode(...)``, a
    ``str`` literal (ASCII: ``b'...'``), ``'%s' % ...``, ``'...'.format(...)``. Bytes,
    ``None`` and absent data stay; anything else is reported for review.

Why
    Python 3's ``urllib.request`` accepts only bytes (or a file/iterable of bytes) as POST
    data: ``TypeError: POST data should be bytes...`` — and that TypeError is not caught by
    the ``except (URLError, IOError)`` Python 2 code wrote around the call.

When it is unsafe
    UTF-8 is assumed; a ``Content-Type`` with another charset needs that encoding. A
    variable holding the data is reported, not changed: where it comes from is not known here.
"""
from __future__ import annotations

import libcst as cst
from libcst.metadata import QualifiedNameProvider

from codemods.base import Codemod, Example
from codemods.names import qualified_names
from codemods.py2._bytes_boundaries import encoded, is_bytes, is_text

# qualified name -> positional index of data
_FUNCTIONS = {
    "urllib2.Request": 1, "urllib.request.Request": 1,
    "urllib2.urlopen": 1, "urllib.request.urlopen": 1,
}


class RequestDataBytes(Codemod):
    ID = "PY302"
    NAME = "request-data-bytes"
    DESCRIPTION = "urllib2/urllib.request POST data that is text → .encode('utf-8')"
    TRIGGERS = frozenset({"Request", "urlopen"})
    METADATA_DEPENDENCIES = (QualifiedNameProvider,)
    EXAMPLES = (
        Example(
            "import json, urllib2\nreq = urllib2.Request(url, json.dumps(record), {'X': 'y'})\n",
            "import json, urllib2\nreq = urllib2.Request(url, json.dumps(record).encode('utf-8'), {'X': 'y'})\n",
        ),
        Example(
            "import urllib.request, urllib.parse\nr = urllib.request.urlopen(url, data=urllib.parse.urlencode(q))\n",
            "import urllib.request, urllib.parse\nr = urllib.request.urlopen(url, data=urllib.parse.urlencode(q).encode('utf-8'))\n",
        ),
        Example(
            "from urllib2 import urlopen\nimport urllib\nr = urlopen(url, urllib.urlencode(q), 5)\nr = urlopen(url, 'a=1')\n",
            "from urllib2 import urlopen\nimport urllib\nr = urlopen(url, urllib.urlencode(q).encode('utf-8'), 5)\nr = urlopen(url, b'a=1')\n",
        ),
        Example("import urllib2\nr = urllib2.urlopen(url, payload)\n", review=("PY302",)),
        # bytes, None, no data, somebody else's Request: unchanged
        Example(
            """
            import json, urllib2
            a = urllib2.Request(url, json.dumps(r).encode('utf-8'))
            b = urllib2.urlopen(url, None, 5)
            c = urllib2.urlopen(req, timeout=5)
            d = urllib2.Request(url, b'x=1')
            from requests import Request
            e = Request('POST', json.dumps(r))
            """
        ),
    )

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        names = qualified_names(self, original_node.func)
        index = next((_FUNCTIONS[n] for n in names if n in _FUNCTIONS), None)
        if index is None or len(original_node.args) != len(updated_node.args):
            return updated_node
        slot = None
        positional = [i for i, a in enumerate(original_node.args) if a.keyword is None and not a.star]
        if any(a.star for a in original_node.args):
            return updated_node
        if index < len(positional):
            slot = positional[index]
        else:
            slot = next((i for i, a in enumerate(original_node.args) if a.keyword and a.keyword.value == "data"), None)
        if slot is None:
            return updated_node
        value = original_node.args[slot].value
        if is_bytes(self, value) or (isinstance(value, cst.Name) and value.value == "None"):
            return updated_node
        if not is_text(self, value):
            self.review(value, "POST data must be bytes on Python 3 (TypeError otherwise): .encode('utf-8') if this is text")
            return updated_node
        args = list(updated_node.args)
        args[slot] = args[slot].with_changes(value=encoded(args[slot].value))
        self.changed(value)
        return updated_node.with_changes(args=args)
