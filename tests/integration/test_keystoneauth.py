"""OpenStack's own client library discovers the device's API version
(SPEC §4): keystoneauth1 (Debian's python3-keystoneauth1, so run with
/usr/bin/python3) reads GET / and GET /v1/ exactly as it reads a Nova or
Keystone endpoint, and picks the v1.0 endpoint out of them."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from device import Device  # noqa: E402

try:
    from keystoneauth1 import discover, session
except ImportError:  # pragma: no cover - say what to install, do not skip silently
    sys.exit("test_keystoneauth: keystoneauth1 missing; apt-get install python3-keystoneauth1 "
             "and run with /usr/bin/python3 (%s)" % sys.executable)

IMAGE = os.environ.get("LWPASTE_IMAGE")
BOARD = os.environ.get("LWPASTE_BOARD", "mps2-an385")
dev = None


def setUpModule():
    global dev
    dev = Device(IMAGE, BOARD).start()


def tearDownModule():
    dev.stop()


class Discovery(unittest.TestCase):
    def base(self):
        return "http://127.0.0.1:%d" % dev.http_port

    def test_root_document_gives_the_v1_endpoint(self):
        d = discover.Discover(session.Session(), self.base() + "/")
        data = d.version_data()
        self.assertEqual(len(data), 1, data)
        v = data[0]
        self.assertEqual(v["version"], (1, 0))
        self.assertEqual(v["status"], "CURRENT")
        self.assertEqual(v["url"], self.base() + "/v1/")
        self.assertEqual(d.url_for((1, 0)), self.base() + "/v1/")
        self.assertEqual(d.url_for("1"), self.base() + "/v1/")
        self.assertEqual(d.url_for("latest"), self.base() + "/v1/")
        self.assertIsNone(d.url_for((2, 0)))
        raw = d.raw_version_data()
        self.assertEqual(raw[0]["id"], "v1.0")
        self.assertEqual(raw[0]["links"][0]["rel"], "self")

    def test_versioned_document_is_understood_too(self):
        # GET /v1/ answers {"version": {...}}, which keystoneauth reads as a
        # single version, as it does a Keystone /v3/.
        d = discover.Discover(session.Session(), self.base() + "/v1/")
        self.assertEqual([v["version"] for v in d.version_data()], [(1, 0)])
        self.assertEqual(d.url_for((1, 0)), self.base() + "/v1/")

    def test_get_version_data_helper(self):
        data = discover.get_version_data(session.Session(), self.base() + "/")
        self.assertEqual(data[0]["id"], "v1.0")

    def test_endpoint_data_through_the_session(self):
        # What a service client does with an unversioned catalog entry:
        # discover from it, ask for major version 1.
        s = session.Session()
        ed = discover.EndpointData(catalog_url=self.base() + "/")
        ed = ed.get_versioned_data(s, min_version=(1, 0), max_version=(1, "latest"))
        self.assertEqual(ed.url, self.base() + "/v1/")
        self.assertEqual(ed.api_version, (1, 0))


if __name__ == "__main__":
    unittest.main(verbosity=2)
