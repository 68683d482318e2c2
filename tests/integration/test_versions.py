"""Walking skeleton, end to end: the default image in QEMU serves the
version API to curl and http.client over real TCP (SPEC §2, §4)."""
import json
import re
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from device import Device  # noqa: E402

IMAGE = os.environ.get("LWPASTE_IMAGE")
BOARD = os.environ.get("LWPASTE_BOARD", "mps2-an385")
dev = None


def curl_headers(text):
    """curl -D's header block as a dict, names in lower case (the file is
    read in text mode: its CRLFs are already plain line ends)."""
    hdrs = {}
    for line in text.strip().splitlines()[1:]:
        name, _, value = line.partition(":")
        hdrs[name.strip().lower()] = value.strip()
    return hdrs


def setUpModule():
    global dev
    dev = Device(IMAGE, BOARD).start()
    print("\nboot-to-first-response: %.0f ms ('serving on' at %.0f ms; %s)"
          % (dev.boot_ms, dev.serving_ms, BOARD), file=sys.stderr)


def tearDownModule():
    dev.stop()


class Versions(unittest.TestCase):
    def test_root_is_300_with_versions_and_host_href(self):
        status, hdrs, body = dev.curl("-H", "Host: device.example:8080", "URL/")
        self.assertEqual(status, 300)
        self.assertIn("Content-Type: application/json", hdrs)
        doc = json.loads(body)
        v = doc["versions"][0]
        self.assertEqual(v["id"], "v1.0")
        self.assertEqual(v["status"], "CURRENT")
        self.assertEqual(v["links"][0]["rel"], "self")
        self.assertEqual(v["links"][0]["href"], "http://device.example:8080/v1/")

    def test_curl_v1_is_200_version_document(self):
        status, text, body = dev.curl("-H", "Host: device.example:8080", "URL/v1/")
        self.assertEqual(status, 200)
        hdrs = curl_headers(text)
        self.assertEqual(hdrs["content-type"], "application/json")
        self.assertEqual(int(hdrs["content-length"]), len(body))
        v = json.loads(body)["version"]
        self.assertEqual(v["id"], "v1.0")
        self.assertEqual(v["status"], "CURRENT")
        self.assertEqual(v["links"][0], {"rel": "self", "href": "http://device.example:8080/v1/"})

    def test_curl_unknown_path_is_404_fault(self):
        status, text, body = dev.curl("URL/nope")
        self.assertEqual(status, 404)
        self.assertEqual(curl_headers(text)["content-type"], "application/json")
        fault = json.loads(body)["itemNotFound"]
        self.assertEqual(fault["code"], 404)
        self.assertTrue(fault["message"])

    def test_v1_with_and_without_slash(self):
        for path in ("/v1", "/v1/"):
            status, hdrs, body = dev.request("GET", path)
            self.assertEqual(status, 200, path)
            self.assertEqual(hdrs["content-type"], "application/json")
            doc = json.loads(body)
            self.assertEqual(doc["version"]["id"], "v1.0")
            self.assertEqual(int(hdrs["content-length"]), len(body))

    def test_unknown_path_is_404_fault(self):
        status, hdrs, body = dev.request("GET", "/nope")
        self.assertEqual(status, 404)
        self.assertEqual(hdrs["content-type"], "application/json")
        fault = json.loads(body)["itemNotFound"]
        self.assertEqual(fault["code"], 404)
        self.assertTrue(fault["message"])

    def test_no_date_header(self):
        status, hdrs, _ = dev.request("GET", "/")
        self.assertNotIn("date", hdrs)

    def test_head_has_length_but_no_body(self):
        full = dev.request("GET", "/v1/")
        status, hdrs, body = dev.request("HEAD", "/v1/")
        self.assertEqual(status, 200)
        self.assertEqual(body, b"")
        self.assertEqual(int(hdrs["content-length"]), len(full[2]))

    def test_garbage_gets_400_and_device_keeps_serving(self):
        reply = dev.raw(b"\x00\x01garbage\r\n\r\n")
        self.assertTrue(reply.startswith(b"HTTP/1.1 400 "), reply[:80])
        self.assertIn(b"Connection: close", reply)
        body = reply.split(b"\r\n\r\n", 1)[1]
        self.assertEqual(json.loads(body)["badRequest"]["code"], 400)
        self.assertEqual(dev.request("GET", "/")[0], 300)

    def test_keep_alive_serves_many_on_one_connection(self):
        import http.client
        c = http.client.HTTPConnection("127.0.0.1", dev.http_port, timeout=10)
        for _ in range(20):
            c.request("GET", "/v1/")
            r = c.getresponse()
            r.read()
            self.assertEqual(r.status, 200)
        c.close()

    def test_pipelined_requests_answered_in_order(self):
        reqs = b"".join(b"GET %s HTTP/1.1\r\nHost: a\r\n\r\n" % p for p in (b"/", b"/nope", b"/v1/"))
        reqs += b"GET /v1 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
        reply = dev.raw(reqs)
        codes = [int(m) for m in re.findall(rb"HTTP/1\.1 (\d{3}) ", reply)]
        self.assertEqual(codes, [300, 404, 200, 200])


if __name__ == "__main__":
    unittest.main(verbosity=2)
