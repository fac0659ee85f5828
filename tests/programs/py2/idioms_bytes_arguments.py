# Hash / HMAC / base64 / zlib fed str literals.
import base64
import hashlib
import hmac
import zlib


def main():
    print hashlib.md5("abc").hexdigest()
    print hashlib.sha1(u"abc").hexdigest()
    print hashlib.new("sha256", "abc").hexdigest()[:16]
    print hmac.new("key", "msg", hashlib.sha256).hexdigest()[:16]
    print base64.b64encode("user:pass").decode("ascii")
    print base64.b64decode("dXNlcjpwYXNz").decode("ascii")
    print zlib.crc32("deploy") & 0xffffffff
    h = hashlib.sha1()
    h.update(b"abc")
    print h.hexdigest() == hashlib.sha1("abc").hexdigest()


main()
