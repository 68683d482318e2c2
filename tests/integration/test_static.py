"""The static app (SPEC §3) in a real image: tests/integration/static/
static.ini bakes the www/ folder in at / and two single files at /files;
the device serves them from flash, byte for byte, with the right
Content-Type, index files, a slash redirect, 404s for missing files and
any traversal, and 405 with Allow for anything but GET and HEAD."""
import json
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from device import Device  # noqa: E402

IMAGE = os.environ.get("LWPASTE_IMAGE")
BOARD = os.environ.get("LWPASTE_BOARD", "mps2-an385")
WWW = os.path.join(os.path.dirname(os.path.abspath(__file__)), "static", "www")
dev = None


def setUpModule():
    global dev
    dev = Device(IMAGE, BOARD).start()


def tearDownModule():
    dev.stop()


def baked():
    """(url, path) of every file root = www bakes in: dotfiles skipped."""
    for d, dirs, names in os.walk(WWW):
        dirs[:] = [x for x in dirs if not x.startswith(".")]
        for n in names:
            if not n.startswith("."):
                p = os.path.join(d, n)
                yield "/" + os.path.relpath(p, WWW), p


def read(p):
    with open(p, "rb") as f:
        return f.read()


class Static(unittest.TestCase):
    def test_every_file_byte_for_byte(self):
        files = list(baked())
        self.assertGreaterEqual(len(files), 4)
        for url, p in files:
            status, hdrs, body = dev.request("GET", url)
            self.assertEqual(status, 200, url)
            self.assertEqual(body, read(p), url)
            self.assertEqual(int(hdrs["content-length"]), len(body))

    def test_content_types(self):
        for url, ctype in (("/index.html", "text/html; charset=utf-8"),
                           ("/css/site.css", "text/css; charset=utf-8"),
                           ("/docs/hello.txt", "text/plain; charset=utf-8"),
                           ("/img/dot.png", "image/png")):
            status, hdrs, _ = dev.request("GET", url)
            self.assertEqual((status, hdrs["content-type"]), (200, ctype), url)

    def test_index_and_redirect_with_curl(self):
        status, hdrs, body = dev.curl("URL/")
        self.assertEqual(status, 200)
        self.assertEqual(body, read(os.path.join(WWW, "index.html")))
        status, hdrs, body = dev.curl("URL/docs")
        self.assertEqual(status, 301)
        self.assertRegex(hdrs, r"(?im)^Location: /docs/\r?$")
        status, hdrs, body = dev.curl("-L", "URL/docs")
        self.assertIn("HTTP/1.1 200 OK", hdrs)  # -D holds the 301, then the 200
        self.assertEqual(body, read(os.path.join(WWW, "docs", "index.html")))

    def test_head(self):
        status, hdrs, body = dev.request("HEAD", "/img/dot.png")
        self.assertEqual(status, 200)
        self.assertEqual(body, b"")
        self.assertEqual(int(hdrs["content-length"]), len(read(os.path.join(WWW, "img", "dot.png"))))

    def test_missing_hidden_and_traversal_are_404(self):
        for path in ("/nope.html", "/.hidden", "/css/", "/../static.ini", "/css/../index.html",
                     "/%2e%2e/static.ini", "/css/%2E%2E/index.html", "//index.html",
                     "/index.html%00.png", "/files/../index.html"):
            reply = dev.raw(b"GET " + path.encode() + b" HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
            self.assertTrue(reply.startswith(b"HTTP/1.1 404 "), (path, reply[:100]))
            body = reply.split(b"\r\n\r\n", 1)[1]
            self.assertEqual(json.loads(body)["itemNotFound"]["code"], 404, path)
            self.assertNotIn(b"hidden", body)

    def test_only_get_and_head(self):
        for method in ("POST", "PUT", "DELETE", "PATCH"):
            status, hdrs, body = dev.request(method, "/index.html", body=b"x")
            self.assertEqual(status, 405, method)
            self.assertEqual(hdrs["allow"], "GET, HEAD")
            self.assertEqual(json.loads(body)["badMethod"]["code"], 405)

    def test_single_files_mount(self):
        status, hdrs, body = dev.request("GET", "/files/hello.txt")
        self.assertEqual((status, body), (200, read(os.path.join(WWW, "docs", "hello.txt"))))
        status, hdrs, body = dev.request("GET", "/files/logo.png")
        self.assertEqual((status, hdrs["content-type"]), (200, "image/png"))
        self.assertEqual(body, read(os.path.join(WWW, "img", "dot.png")))
        # index = (none) there, and only the two files named
        for path in ("/files/", "/files", "/files/index.html", "/files/docs/hello.txt"):
            self.assertEqual(dev.request("GET", path)[0], 404, path)

    def test_logged_and_the_rest_still_serves(self):
        dev.request("GET", "/css/site.css?v=1")
        n = len(read(os.path.join(WWW, "css", "site.css")))
        dev.wait_console(r"(?m)^GET /css/site\.css 200 %d \d+\r?$" % n)
        self.assertEqual(dev.request("GET", "/lab/")[2], b"Paste Deploy LAB: Version = 1.0.0")
        self.assertEqual(dev.request("GET", "/v1/health")[0], 200)

    def test_many_on_one_connection(self):
        import http.client
        c = http.client.HTTPConnection("127.0.0.1", dev.http_port, timeout=10)
        want = read(os.path.join(WWW, "index.html"))
        for _ in range(20):
            c.request("GET", "/index.html")
            r = c.getresponse()
            self.assertEqual((r.status, r.read()), (200, want))
        c.close()


if __name__ == "__main__":
    unittest.main(verbosity=2)
