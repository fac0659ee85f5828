"""PY301–PY304 (bytes boundaries): the whole pipeline (lift + every codemod) on Python 2 code,
then the result is run on Python 3 and behaves as the Python 2 code did."""
from __future__ import annotations

import io
import json
import os
import textwrap
import wsgiref.validate

from migrator.config import Settings
from migrator.engine import fix_text


def fix(src: str):
    src = textwrap.dedent(src).lstrip("\n")
    return fix_text(src, "t.py", Settings(cache_dir=""))


def codes(result, kind):
    return sorted(f.code for f in result.findings if f.kind.value == kind)


def run(text: str) -> dict:
    ns: dict = {}
    exec(compile(text, "t.py", "exec"), ns)
    return ns


def test_wsgi_body_is_bytes_and_content_length_is_the_byte_length():
    result = fix("""
        # -*- coding: utf-8 -*-
        import json

        def respond(start_response, code, payload):
            body = json.dumps(payload, sort_keys=True, ensure_ascii=False) + '\\n'
            start_response(code, [('Content-Type', 'application/json'), ('Content-Length', str(len(body)))])
            return [body]

        def application(environ, start_response):
            if environ['PATH_INFO'] == '/raw':
                start_response('200 OK', [('Content-Type', 'text/plain')])
                return ['ok %s' % environ['PATH_INFO'], 'done\\n']
            return respond(start_response, '200 OK', {'name': u'caf\\xe9'})
        """)
    assert "PY301" in codes(result, "change")
    ns = run(result.text)
    app = wsgiref.validate.validator(ns["application"])
    for path, expected in (("/", b'{"name": "caf\xc3\xa9"}\n'), ("/raw", b"ok /rawdone\n")):
        environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "SERVER_NAME": "x", "SERVER_PORT": "80",
                   "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.version": (1, 0), "wsgi.url_scheme": "http",
                   "wsgi.input": io.BytesIO(), "wsgi.errors": io.StringIO(), "wsgi.multithread": False,
                   "wsgi.multiprocess": False, "wsgi.run_once": False, "QUERY_STRING": "", "SCRIPT_NAME": ""}
        seen = {}
        out = app(environ, lambda status, headers, exc_info=None: seen.update(headers=dict(headers)) or (lambda b: None))
        body = b"".join(out)
        out.close()
        assert body == expected
        if "Content-Length" in seen["headers"]:
            assert int(seen["headers"]["Content-Length"]) == len(body)


def test_wsgi_uncertain_body_is_reviewed_not_changed():
    result = fix("""
        def application(environ, start_response):
            start_response('200 OK', [])
            return [render(environ)]
        """)
    assert codes(result, "review") == ["PY301"]
    assert "encode" not in result.text


def test_request_data_is_bytes(monkeypatch):
    result = fix("""
        import json
        import urllib
        import urllib2

        def send(url, record):
            req = urllib2.Request(url, json.dumps(record), {'Content-Type': 'application/json'})
            return urllib2.urlopen(req, timeout=5)

        def form(url, q):
            return urllib2.urlopen(url, urllib.urlencode(q))
        """)
    assert codes(result, "change").count("PY302") == 2
    import urllib.request

    sent = []
    monkeypatch.setattr(urllib.request, "urlopen", lambda r, data=None, timeout=None: sent.append(
        r.data if data is None else data))
    ns = run(result.text)
    ns["send"]("http://127.0.0.1:1/", {"a": 1})
    ns["form"]("http://127.0.0.1:1/", {"b": 2})
    assert sent == [b'{"a": 1}', b"b=2"]


def test_request_unknown_data_is_reviewed():
    result = fix("import urllib2\nr = urllib2.urlopen(url, payload)\n")
    assert codes(result, "review") == ["PY302"]


def test_iter_over_a_binary_file_ends(tmp_path):
    data = os.urandom(200000)
    path = tmp_path / "blob"
    path.write_bytes(data)
    result = fix("""
        import hashlib

        def sha1_of(path):
            digest = hashlib.sha1()
            f = open(path, 'rb')
            try:
                for chunk in iter(lambda: f.read(65536), ''):
                    digest.update(chunk)
            finally:
                f.close()
            return digest.hexdigest()

        def size_of(path):
            n = 0
            with open(path, 'rb') as fh:
                for chunk in iter(lambda: fh.read(4096), ''):
                    n += len(chunk)
            return n
        """)
    assert codes(result, "change").count("PY303") == 2
    ns = run(result.text)
    import hashlib

    assert ns["sha1_of"](str(path)) == hashlib.sha1(data).hexdigest()
    assert ns["size_of"](str(path)) == len(data)


def test_iter_unknown_callable_is_reviewed_and_text_file_is_left():
    result = fix("""
        def a(stream):
            return list(iter(lambda: stream.read(10), ''))

        def b(path):
            f = open(path)
            return list(iter(f.readline, ''))
        """)
    assert codes(result, "review") == ["PY303"]
    assert "b''" not in result.text


def test_unicode_encode_before_str_does_not_write_bytes_reprs(tmp_path):
    log = tmp_path / "audit.log"
    result = fix("""
        import time

        def log(path, host, data):
            if type(data) == dict:
                data = data.get('msg', 'ok')
            if isinstance(data, unicode):
                data = data.encode('utf-8')
            line = "%s %s %s\\n" % (time.strftime('%Y'), host, str(data).replace('\\n', ' ')[:200])
            f = open(path, 'a')
            try:
                f.write(line)
            finally:
                f.close()
        """)
    assert "PY304" in codes(result, "change")
    assert "encode" not in result.text
    ns = run(result.text)
    ns["log"](str(log), "web1", {"msg": "caf\xe9 ok"})
    ns["log"](str(log), "web2", "plain")
    text = log.read_text()
    assert "b'" not in text
    assert "web1 caf\xe9 ok" in text and "web2 plain" in text


def test_unicode_encode_before_bytes_use_is_reviewed():
    result = fix("""
        def send(sock, data):
            if isinstance(data, unicode):
                data = data.encode('utf-8')
            sock.sendall(data)
        """)
    assert "PY304" in codes(result, "review")
    assert "encode" in result.text


def test_idempotent():
    src = """
        import json, urllib2

        def app(environ, start_response):
            start_response('200 OK', [])
            body = json.dumps({}) + '\\n'
            return [body, 'x']

        def h(path):
            f = open(path, 'rb')
            return list(iter(lambda: f.read(1), ''))

        def post(url, r):
            return urllib2.urlopen(url, json.dumps(r))
        """
    once = fix(src).text
    again = fix_text(once, "t.py", Settings(cache_dir=""))
    assert again.text == once
    assert not [f for f in again.findings if f.code.startswith("PY30")]
