"""The other shipped configs boot in QEMU and answer as their ini says:
config/lab.ini (the Paste Deploy lab) and config/openstack-prototype.ini
(the original WSGI prototype: versions at /, a controller at /v1/test).
LWPASTE_CONFIG_NAME says which image this run boots."""
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from device import make_device  # noqa: E402

NAME = os.environ.get("LWPASTE_CONFIG_NAME", "lab")
dev = None


def setUpModule():
    global dev
    dev = make_device().start()


def tearDownModule():
    dev.stop()


@unittest.skipUnless(NAME == "lab", "lab image only")
class Lab(unittest.TestCase):
    def test_root_answers_lab_text(self):
        for path in ("/", "/anything/below"):
            status, hdrs, body = dev.request("GET", path)
            self.assertEqual(status, 200)
            self.assertTrue(hdrs["content-type"].startswith("text/plain"))
            self.assertEqual(body, b"Paste Deploy LAB: Version = 1.0.0")

    def test_address_from_dhcp(self):
        # No [net:eth0]: the address comes from DHCP (QEMU's user
        # networking leases 10.0.2.15), so this image carries lwIP's DHCP
        # client (lwipopts.h: only an image whose ini asks for it does).
        dev.wait_console(r"eth0: \S+, DHCP")
        dev.wait_console(r"eth0: [0-9a-f:]{17} 10\.0\.2\.15 mask 255\.255\.255\.0 gw 10\.0\.2\.2")
        self.assertEqual(dev.request("GET", "/")[0], 200)

    def test_logrequest_line_on_console(self):
        dev.request("GET", "/lab-log-probe")
        dev.wait_console(r"GET /lab-log-probe 200 33 \d+")


@unittest.skipUnless(NAME == "openstack-prototype", "prototype image only")
class Prototype(unittest.TestCase):
    def test_versions_at_root(self):
        status, _, body = dev.request("GET", "/", headers={"Host": "proto:1"})
        self.assertEqual(status, 300)
        self.assertEqual(json.loads(body)["versions"][0]["links"][0]["href"], "http://proto:1/v1/")

    def test_controller_bound_actions(self):
        status, _, body = dev.request("GET", "/v1/test")
        self.assertEqual(status, 200)
        self.assertIn("tests", json.loads(body))
        status, _, body = dev.request("GET", "/v1/test/2")
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(body)["test"]["id"], "2")
        self.assertEqual(dev.request("GET", "/v1/test/9")[0], 404)
        status, hdrs, _ = dev.request("DELETE", "/v1/test/1")
        self.assertEqual(status, 405)
        self.assertIn("GET", hdrs["allow"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
