"""Feed bytes to the hash, HMAC, base64 and zlib functions where Python 2 passed ``str``.

What it does
    A string literal passed as the data of ``hashlib.md5/sha1/sha256/…/new``, the Python 2
    ``md5.new``/``sha.new``, ``hmac.new`` (key and message), ``base64.b64encode``/
    ``urlsafe_b64encode``/``b32encode``/``b16encode``/``encodestring``/``encodebytes``,
    ``binascii.hexlify``/``crc32`` or ``zlib.compress``/``crc32``/``adler32`` becomes a bytes
    literal: ``hashlib.md5("abc")`` → ``hashlib.md5(b"abc")``. A literal with non-ASCII text
    (whose bytes depended on the source encoding or failed in Python 2) and any other
    argument (a variable, a call) get a review: it must be bytes in Python 3. Arguments that
    are visibly bytes already (``b''``, ``x.encode()``, ``bytes(...)``) are left alone.

Why
    These functions take bytes in Python 3; ``str`` raises TypeError ("Strings must be
    encoded before hashing").

When it is unsafe
    Literals are rewritten only when their bytes are certain. A variable holding text needs
    ``.encode()`` — decided by a person, because where the value comes from is not known here.
    Note that ``base64.b64encode`` returns bytes in Python 3: ``.decode("ascii")`` where text
    is wanted.
"""
from __future__ import annotations

import libcst as cst
from libcst.metadata import QualifiedNameProvider, QualifiedNameSource

from codemods.base import Codemod, Example

_HASHES = ("md5", "sha1", "sha224", "sha256", "sha384", "sha512", "blake2b", "blake2s", "sha3_224", "sha3_256",
           "sha3_384", "sha3_512")
# qualified name -> positions of the byte arguments (and their keyword names)
_FUNCTIONS: dict[str, tuple[tuple[int, str | None], ...]] = {
    **{f"hashlib.{h}": ((0, "data"),) for h in _HASHES},
    "hashlib.new": ((1, "data"),),
    "md5.new": ((0, None),), "md5.md5": ((0, None),), "sha.new": ((0, None),), "sha.sha": ((0, None),),
    "hmac.new": ((0, "key"), (1, "msg")),
    **{f"base64.{f}": ((0, "s"),) for f in ("b64encode", "urlsafe_b64encode", "standard_b64encode", "b32encode",
                                              "b16encode", "b85encode", "a85encode", "encodestring", "encodebytes")},
    **{f"binascii.{f}": ((0, "data"),) for f in ("hexlify", "b2a_hex", "b2a_base64", "crc32")},
    **{f"zlib.{f}": ((0, "data"),) for f in ("compress", "crc32", "adler32")},
}
_TRIGGERS = frozenset(q.split(".")[1] for q in _FUNCTIONS) | {"md5", "sha", "hashlib", "hmac", "base64", "binascii", "zlib"}


def _bytes_literal(node: cst.BaseExpression) -> cst.BaseExpression | None:
    """The bytes form of a text literal, or None when it is not a plain text literal."""
    if isinstance(node, cst.ConcatenatedString):
        left, right = _bytes_literal(node.left), _bytes_literal(node.right)
        if left is None or right is None or not isinstance(left, cst.SimpleString) or not isinstance(right, (cst.SimpleString, cst.ConcatenatedString)):
            return None
        return node.with_changes(left=left, right=right)
    if not isinstance(node, cst.SimpleString):
        return None
    prefix = node.prefix.lower()
    if "b" in prefix or "f" in prefix:
        return None
    try:
        value = node.evaluated_value
    except (ValueError, SyntaxError, UnicodeError):
        return None
    if not isinstance(value, str):
        return None
    if value.isascii():
        new_prefix = node.prefix.replace("u", "").replace("U", "")
        return node.with_changes(value="b" + new_prefix + node.value[len(node.prefix):])
    return None


def _is_bytes(node: cst.BaseExpression) -> bool:
    if isinstance(node, cst.SimpleString):
        return "b" in node.prefix.lower()
    if isinstance(node, cst.ConcatenatedString):
        return _is_bytes(node.left)
    if isinstance(node, cst.Call):
        f = node.func
        if isinstance(f, cst.Attribute) and f.attr.value in ("encode", "digest", "read", "tobytes", "to_bytes", "pack"):
            return True
        if isinstance(f, cst.Name) and f.value in ("bytes", "bytearray", "memoryview"):
            return True
    return False


class BytesArguments(Codemod):
    ID = "PY127"
    NAME = "bytes-arguments"
    DESCRIPTION = "str literal → bytes literal for hash/base64/zlib functions"
    TRIGGERS = _TRIGGERS
    METADATA_DEPENDENCIES = (QualifiedNameProvider,)
    EXAMPLES = (
        Example("import hashlib\nh = hashlib.md5('abc').hexdigest()\n", "import hashlib\nh = hashlib.md5(b'abc').hexdigest()\n"),
        Example("import base64\ns = base64.b64encode(u'user:pw')\n", "import base64\ns = base64.b64encode(b'user:pw')\n"),
        Example("import md5\nh = md5.new('x')\n", "import md5\nh = md5.new(b'x')\n"),
        Example("import hmac, hashlib\nm = hmac.new('key', 'msg', hashlib.sha1)\n",
                "import hmac, hashlib\nm = hmac.new(b'key', b'msg', hashlib.sha1)\n"),
        Example("import hashlib\nh = hashlib.new('sha1', r'a\\b')\n", "import hashlib\nh = hashlib.new('sha1', br'a\\b')\n"),
        Example('import hashlib\nh = hashlib.sha1("caf\\xe9")\n', review=("PY127",)),
        Example("from hashlib import sha256\nh = sha256(password)\n", review=("PY127",)),
        Example("import hashlib\nh = hashlib.sha256(password.encode('utf-8'))\nz = hashlib.md5(b'x')\n"),
        Example("import zlib\nc = zlib.compress(data)\n", review=("PY127",)),
    )

    def _positions(self, func: cst.BaseExpression):
        try:
            names = self.get_metadata(QualifiedNameProvider, func)
        except KeyError:
            return None
        for q in sorted(names, key=lambda q: q.name):  # a set: answer the same every run
            if q.source is QualifiedNameSource.IMPORT and q.name in _FUNCTIONS:
                return q.name, _FUNCTIONS[q.name]
        return None

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        found = self._positions(original_node.func)
        if found is None:
            return updated_node
        qname, positions = found
        args = list(updated_node.args)
        positional = [i for i, a in enumerate(args) if a.keyword is None and not a.star]
        changed = False
        for index, keyword in positions:
            slot = None
            if index < len(positional):
                slot = positional[index]
            elif keyword is not None:
                slot = next((i for i, a in enumerate(args) if a.keyword and a.keyword.value == keyword), None)
            if slot is None:
                continue
            value = args[slot].value
            if _is_bytes(value):
                continue
            new = _bytes_literal(value)
            if new is None:
                self.review(original_node, f"{qname}() needs bytes in Python 3: encode text (.encode('utf-8')) if this is str")
                continue
            args[slot] = args[slot].with_changes(value=new)
            changed = True
        if not changed:
            return updated_node
        self.changed(original_node, f"str literal → bytes literal for {qname}()")
        return updated_node.with_changes(args=args)
