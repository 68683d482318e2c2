"""The device API of the default image (SPEC §4), end to end: every /v1
endpoint with and without a token, the oslo-style filters around it
(request_id, healthcheck, cors, sizelimit, authtoken, logrequest), the
Paste lab and the reboot round trip, over real TCP with curl and
http.client.

The token is read from the ini the image was baked from (LWPASTE_CONFIG,
default config/api-paste.ini), never written here."""
import configparser
import http.client
import json
import os
import re
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from device import ROOT, SERVING_RX, Device  # noqa: E402

IMAGE = os.environ.get("LWPASTE_IMAGE")
BOARD = os.environ.get("LWPASTE_BOARD", "mps2-an385")
CONFIG = os.environ.get("LWPASTE_CONFIG", os.path.join(ROOT, "config", "api-paste.ini"))
BANNER = r"lwpaste \S+ \(build \S+\) on " + re.escape(BOARD)
REQ_ID = re.compile(r"^req-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
ORIGIN = "http://localhost:8000"
dev = None


def read_ini():
    # paste.deploy reads the ini with ConfigParser too; no interpolation
    # needed for [DEFAULT] token itself.
    cp = configparser.ConfigParser(interpolation=None, strict=False)
    cp.optionxform = str
    with open(CONFIG, encoding="utf-8") as f:
        text = f.read()
    cp.read_string(text)
    return text, cp


INI_TEXT, INI = read_ini()
TOKEN = INI["DEFAULT"]["token"]
AUTH = {"X-Auth-Token": TOKEN}
WRONG = {"X-Auth-Token": "wrong-" + TOKEN}
# the sizelimit filter's limit and the server's own (SPEC §1 default 16384)
SIZELIMIT = int(INI["filter:sizelimit"]["max_request_body_size"])
MAX_BODY = int(INI["server:main"].get("max_body_bytes", "16384"))


def setUpModule():
    global dev
    dev = Device(IMAGE, BOARD).start()
    print("\nboot-to-first-response: %.0f ms ('serving on' at %.0f ms; %s)"
          % (dev.boot_ms, dev.serving_ms, BOARD), file=sys.stderr)


def tearDownModule():
    dev.stop()


def get_json(path, headers=None):
    status, hdrs, body = dev.request("GET", path, headers=headers)
    assert status == 200, (path, status, body)
    assert hdrs["content-type"] == "application/json", hdrs
    assert int(hdrs["content-length"]) == len(body)
    return json.loads(body)


def put_led(led, body, headers):
    h = {"Content-Type": "application/json"}
    h.update(headers)
    return dev.request("PUT", "/v1/leds/%d" % led, body=body, headers=h)


def curl_header(text, name):
    """Value of header NAME in curl's -D output (last response), or None."""
    m = re.search(r"(?im)^%s:[ \t]*(.*?)\r?$" % re.escape(name), text)
    return m.group(1) if m else None


def shape(ctype, body):
    """What must not depend on the token: a JSON document's structure
    (keys, list lengths, value types; values like uptime change between
    calls), or a text body itself."""
    def walk(x):
        if isinstance(x, dict):
            return {k: walk(v) for k, v in x.items()}
        if isinstance(x, list):
            return [walk(v) for v in x]
        return type(x).__name__
    if ctype == "application/json":
        return walk(json.loads(body))
    return body


class Fault:
    def assertFault(self, status, hdrs, body, code, name):
        self.assertEqual(status, code, body)
        self.assertEqual(hdrs["content-type"], "application/json")
        fault = json.loads(body)[name]
        self.assertEqual(fault["code"], code)
        self.assertTrue(fault["message"])
        return fault


class Health(unittest.TestCase):
    def test_health_ok_with_and_without_token(self):
        for h in ({}, AUTH):
            self.assertEqual(get_json("/v1/health", h), {"status": "ok"})

    def test_health_with_curl(self):
        status, hdrs, body = dev.curl("URL/v1/health")
        self.assertEqual(status, 200)
        self.assertEqual(curl_header(hdrs, "Content-Type"), "application/json")
        self.assertEqual(json.loads(body), {"status": "ok"})

    def test_healthcheck_filter_answers_before_the_token(self):
        for method in ("GET", "HEAD"):
            status, hdrs, body = dev.request(method, "/v1/healthcheck")
            self.assertEqual(status, 200, method)
            self.assertTrue(hdrs["content-type"].startswith("text/plain"))
            self.assertEqual(body, b"OK" if method == "GET" else b"")
            self.assertRegex(hdrs["x-openstack-request-id"], REQ_ID)


class DeviceInfo(unittest.TestCase):
    def test_fields(self):
        d = get_json("/v1/device")["device"]
        self.assertTrue(d["name"])
        self.assertEqual(d["board"], BOARD)
        fw = d["firmware"]
        self.assertRegex(fw["version"], r"^\d+\.\d+\.\d+")
        self.assertTrue(fw["build_id"])
        self.assertRegex(d["mac"], r"^[0-9a-f]{2}(:[0-9a-f]{2}){5}$")
        self.assertEqual(d["ipv4"], "10.0.2.15")
        self.assertIsInstance(d["uptime_ms"], int)
        self.assertEqual(d["uptime_s"], d["uptime_ms"] // 1000)

    def test_firmware_matches_the_console_banner(self):
        fw = get_json("/v1/device")["device"]["firmware"]
        dev.wait_console(r"lwpaste %s \(build %s\) on %s" % (
            re.escape(fw["version"]), re.escape(fw["build_id"]), re.escape(BOARD)))

    def test_uptime_increases(self):
        a = get_json("/v1/device")["device"]["uptime_ms"]
        time.sleep(0.3)
        b = get_json("/v1/device", AUTH)["device"]["uptime_ms"]
        # strictly more; not by the full 300 ms: a loaded host starves
        # QEMU and the guest's tick count falls behind the wall clock
        self.assertGreater(b, a)

    def test_device_with_curl(self):
        status, hdrs, body = dev.curl("-H", "X-Auth-Token: " + TOKEN, "URL/v1/device")
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(body)["device"]["ipv4"], "10.0.2.15")


class Stats(unittest.TestCase):
    def test_counters_increase_after_requests(self):
        a = get_json("/v1/stats")["stats"]
        for _ in range(3):
            dev.request("GET", "/v1/health")
        dev.request("GET", "/v1/nope")
        b = get_json("/v1/stats")["stats"]
        # the stats request itself is counted after it is answered
        self.assertGreaterEqual(b["http"]["requests"], a["http"]["requests"] + 5)
        self.assertGreaterEqual(b["http"]["status"]["2xx"], a["http"]["status"]["2xx"] + 4)
        self.assertGreaterEqual(b["http"]["status"]["4xx"], a["http"]["status"]["4xx"] + 1)
        self.assertGreaterEqual(b["http"]["errors"]["total"], a["http"]["errors"]["total"] + 1)
        self.assertGreater(b["uptime_ms"], a["uptime_ms"])

    def test_lwip_and_connection_fields(self):
        s = get_json("/v1/stats")["stats"]
        for pool in ("mem", "pbuf", "tcp_pcb"):
            for k in ("used", "max", "avail"):
                self.assertIsInstance(s["lwip"][pool][k], int, (pool, k))
            self.assertGreater(s["lwip"][pool]["avail"], 0, pool)
        self.assertGreaterEqual(s["lwip"]["tcp_pcb"]["used"], 1)  # ours
        self.assertGreaterEqual(s["connections"]["open"], 1)
        self.assertGreaterEqual(s["connections"]["max"], s["connections"]["open"])
        for k in ("rejected", "timeouts", "parse_errors"):
            self.assertIsInstance(s["http"]["errors"][k], int)


class Leds(Fault, unittest.TestCase):
    def test_index_and_show(self):
        leds = get_json("/v1/leds")["leds"]
        self.assertGreaterEqual(len(leds), 1)
        self.assertEqual([x["id"] for x in leds], list(range(len(leds))))
        for x in leds:
            self.assertIsInstance(x["on"], bool)
            self.assertEqual(get_json("/v1/leds/%d" % x["id"], AUTH)["led"]["id"], x["id"])

    def test_unknown_id_is_404(self):
        n = len(get_json("/v1/leds")["leds"])
        for led in (str(n), "99999", "x", "01"):
            status, hdrs, body = dev.request("GET", "/v1/leds/" + led)
            self.assertFault(status, hdrs, body, 404, "itemNotFound")

    def test_put_needs_the_token(self):
        before = get_json("/v1/leds/0")["led"]["on"]
        for h in ({}, {"X-Auth-Token": "wrong-" + TOKEN}, {"X-Auth-Token": TOKEN[:-1]},
                  {"X-Auth-Token": ""}):
            status, hdrs, body = put_led(0, json.dumps({"on": not before}), h)
            self.assertFault(status, hdrs, body, 401, "unauthorized")
            self.assertIn("www-authenticate", hdrs)
        self.assertEqual(get_json("/v1/leds/0")["led"]["on"], before)

    def test_put_with_token_and_read_back(self):
        n = len(get_json("/v1/leds")["leds"])
        for led in range(n):
            for on in (True, False, True):
                status, hdrs, body = put_led(led, json.dumps({"on": on}), AUTH)
                self.assertEqual(status, 200, body)
                self.assertEqual(json.loads(body), {"led": {"id": led, "on": on}})
                self.assertEqual(get_json("/v1/leds/%d" % led)["led"]["on"], on)
            self.assertTrue(get_json("/v1/leds")["leds"][led]["on"])
        for led in range(n):
            put_led(led, '{"on": false}', AUTH)
        self.assertEqual(get_json("/v1/leds")["leds"], [{"id": i, "on": False} for i in range(n)])

    def test_put_with_curl(self):
        status, hdrs, body = dev.curl("-X", "PUT", "-H", "X-Auth-Token: " + TOKEN,
                                      "-H", "Content-Type: application/json",
                                      "-d", '{"on": true}', "URL/v1/leds/0")
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(body), {"led": {"id": 0, "on": True}})
        status, hdrs, body = dev.curl("URL/v1/leds/0")
        self.assertEqual(json.loads(body), {"led": {"id": 0, "on": True}})
        status, hdrs, body = dev.curl("-X", "PUT", "-d", '{"on": false}', "URL/v1/leds/0")
        self.assertEqual(status, 401)
        self.assertEqual(json.loads(body)["unauthorized"]["code"], 401)
        self.assertTrue(get_json("/v1/leds/0")["led"]["on"])
        put_led(0, '{"on": false}', AUTH)

    def test_bad_json_is_400_with_a_message(self):
        for body in (b'{"on": tr', b"not json", b"", b"[true]", b'{"on": true'):
            status, hdrs, out = put_led(0, body, AUTH)
            fault = self.assertFault(status, hdrs, out, 400, "badRequest")
            self.assertGreater(len(fault["message"]), 5, body)

    def test_wrong_type_is_400(self):
        for body in ('{"on": 1}', '{"on": "true"}', '{"on": null}', '{"off": true}', "{}"):
            status, hdrs, out = put_led(0, body, AUTH)
            fault = self.assertFault(status, hdrs, out, 400, "badRequest")
            self.assertTrue(fault["message"], body)
        status, hdrs, out = put_led(0, '{"on": 1}', AUTH)
        self.assertIn("on", json.loads(out)["badRequest"]["message"])

    def test_put_unknown_led_is_404(self):
        n = len(get_json("/v1/leds")["leds"])
        status, hdrs, body = put_led(n, '{"on": true}', AUTH)
        self.assertFault(status, hdrs, body, 404, "itemNotFound")


class SizeLimit(Fault, unittest.TestCase):
    def test_filter_answers_413_below_the_server_limit(self):
        # At or above max_body_bytes the server's own 413 would always
        # answer first and the filter would never see a body too large.
        self.assertLess(SIZELIMIT, MAX_BODY)
        before = get_json("/v1/leds/0")["led"]["on"]
        doc = json.dumps({"on": not before})
        # Valid JSON padded with spaces: had it reached the app, the LED
        # would have changed.
        for n in (SIZELIMIT + 1, MAX_BODY):
            status, hdrs, out = put_led(0, doc.ljust(n), AUTH)
            self.assertFault(status, hdrs, out, 413, "overLimit")
            # request_id wraps sizelimit: the filter answered, not the
            # server (test_server_413_has_no_request_id)
            self.assertRegex(hdrs.get("x-openstack-request-id", ""), REQ_ID, n)
        self.assertEqual(get_json("/v1/leds/0")["led"]["on"], before)
        # a body of exactly the limit gets through
        status, hdrs, out = put_led(0, doc.ljust(SIZELIMIT), AUTH)
        self.assertEqual(status, 200, out)
        self.assertEqual(json.loads(out), {"led": {"id": 0, "on": not before}})
        put_led(0, json.dumps({"on": before}), AUTH)
        self.assertEqual(get_json("/v1/leds/0")["led"]["on"], before)
        self.assertEqual(get_json("/v1/health"), {"status": "ok"})

    def test_server_413_has_no_request_id(self):
        # Past max_body_bytes the server answers before any pipeline runs:
        # no filter, so no request id (what tells the two 413s apart).
        body = b" " * (MAX_BODY + 1)
        reply = dev.raw(b"PUT /v1/leds/0 HTTP/1.1\r\nHost: d\r\nX-Auth-Token: " + TOKEN.encode() +
                        b"\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
        head, _, out = reply.partition(b"\r\n\r\n")
        self.assertTrue(head.startswith(b"HTTP/1.1 413 "), reply[:200])
        self.assertEqual(json.loads(out)["overLimit"]["code"], 413)
        self.assertNotIn(b"x-openstack-request-id", head.lower())
        self.assertEqual(get_json("/v1/health"), {"status": "ok"})


class Tokens(unittest.TestCase):
    # Every GET of SPEC §4 that needs no token (and the healthcheck
    # filter's path), with the status it answers.
    OPEN_GETS = (("/", 300), ("/v1", 200), ("/v1/", 200), ("/nope", 404), ("/lab/", 200),
                 ("/v1/health", 200), ("/v1/device", 200), ("/v1/stats", 200),
                 ("/v1/leds", 200), ("/v1/leds/0", 200), ("/v1/leds/999", 404),
                 ("/v1/healthcheck", 200))

    def test_open_gets_answer_the_same_with_no_right_or_wrong_token(self):
        for path, want in self.OPEN_GETS:
            answers = {}
            for name, h in (("no token", {}), ("the token", AUTH), ("a wrong token", WRONG)):
                status, hdrs, body = dev.request("GET", path, headers=h)
                self.assertEqual(status, want, (path, name, body))
                self.assertNotIn("www-authenticate", hdrs, (path, name))
                ctype = hdrs["content-type"]
                answers[name] = (status, ctype, shape(ctype, body))
            self.assertEqual(answers["the token"], answers["no token"], path)
            self.assertEqual(answers["a wrong token"], answers["no token"], path)


class Config(Fault, unittest.TestCase):
    def test_needs_the_token(self):
        for h in ({}, {"X-Auth-Token": "nope"}):
            status, hdrs, body = dev.request("GET", "/v1/config", headers=h)
            self.assertFault(status, hdrs, body, 401, "unauthorized")
            self.assertTrue(hdrs["www-authenticate"].startswith("Keystone uri="), hdrs)
            self.assertNotIn(TOKEN.encode(), body)

    def test_shows_the_ini_with_the_token_masked(self):
        status, hdrs, body = dev.request("GET", "/v1/config", headers=AUTH)
        self.assertEqual(status, 200)
        self.assertTrue(hdrs["content-type"].startswith("text/plain"), hdrs)
        self.assertEqual(int(hdrs["content-length"]), len(body))
        text = body.decode("utf-8")
        self.assertNotIn(TOKEN, text)
        self.assertRegex(text, r"(?m)^token = \*\*\*$")
        # the rest of the ini, line for line; secrets are the keys that
        # name a token, password, secret or key (pl_load_is_secret)
        want = re.sub(r"(?mi)^(?=[^#;\s=])([^=\n]*(?:token|password|secret|key)[^=\n]*=[ \t]*)\S.*$",
                      r"\1***", INI_TEXT)
        self.assertEqual(text.rstrip("\n"), want.rstrip("\n"))

    def test_with_curl(self):
        status, hdrs, body = dev.curl("-H", "X-Auth-Token: " + TOKEN, "URL/v1/config")
        self.assertEqual(status, 200)
        self.assertIn(b"[pipeline:v1]", body)
        self.assertNotIn(TOKEN.encode(), body)


class RequestId(unittest.TestCase):
    def test_on_every_response_faults_included_all_distinct(self):
        # request_id wraps the whole urlmap ([pipeline:main]): the versions
        # document, the urlmap's 404 and the lab carry one too
        seen = []
        cases = [
            ("GET", "/", {}, 300), ("HEAD", "/", {}, 300), ("GET", "/nope", {}, 404),
            ("GET", "/lab/", {}, 200), ("GET", "/lab/x", AUTH, 200), ("GET", "/v1", {}, 200),
            ("GET", "/v1/", {}, 200), ("GET", "/v1/health", {}, 200),
            ("GET", "/v1/device", {}, 200), ("GET", "/v1/stats", {}, 200),
            ("GET", "/v1/leds", {}, 200), ("GET", "/v1/leds/0", {}, 200),
            ("GET", "/v1/leds/999", {}, 404), ("GET", "/v1/nope", {}, 404),
            ("PUT", "/v1/leds/0", {}, 401), ("POST", "/v1/device/reboot", {}, 401),
            ("GET", "/v1/config", {}, 401), ("GET", "/v1/config", AUTH, 200),
            ("DELETE", "/v1/health", AUTH, 405), ("GET", "/v1/healthcheck", {}, 200),
        ]
        for method, path, h, want in cases:
            status, hdrs, body = dev.request(method, path, headers=h)
            self.assertEqual(status, want, (method, path, body))
            rid = hdrs.get("x-openstack-request-id")
            self.assertIsNotNone(rid, (method, path))
            self.assertRegex(rid, REQ_ID)
            seen.append(rid)
        self.assertEqual(len(set(seen)), len(seen), seen)

    def test_with_curl_on_a_401(self):
        status, hdrs, body = dev.curl("-X", "PUT", "-d", "{}", "URL/v1/leds/0")
        self.assertEqual(status, 401)
        self.assertRegex(curl_header(hdrs, "X-Openstack-Request-Id"), REQ_ID)


class Cors(unittest.TestCase):
    def test_preflight(self):
        status, hdrs, body = dev.request("OPTIONS", "/v1/leds/0", headers={
            "Origin": ORIGIN, "Access-Control-Request-Method": "PUT",
            "Access-Control-Request-Headers": "X-Auth-Token, Content-Type"})
        self.assertEqual(status, 200)
        self.assertEqual(body, b"")
        self.assertEqual(hdrs["access-control-allow-origin"], ORIGIN)
        self.assertIn("PUT", hdrs["access-control-allow-methods"])
        self.assertIn("x-auth-token", hdrs["access-control-allow-headers"].lower())
        self.assertEqual(hdrs["access-control-max-age"], "3600")
        self.assertRegex(hdrs["x-openstack-request-id"], REQ_ID)

    def test_preflight_with_curl(self):
        status, hdrs, body = dev.curl("-X", "OPTIONS", "-H", "Origin: " + ORIGIN,
                                      "-H", "Access-Control-Request-Method: PUT", "URL/v1/leds/0")
        self.assertEqual(status, 200)
        self.assertEqual(curl_header(hdrs, "Access-Control-Allow-Origin"), ORIGIN)

    def test_other_origin_gets_no_allow(self):
        status, hdrs, body = dev.request("OPTIONS", "/v1/leds/0", headers={
            "Origin": "http://evil.example", "Access-Control-Request-Method": "PUT"})
        self.assertNotIn("access-control-allow-origin", hdrs)

    def test_simple_request_exposes_the_request_id(self):
        status, hdrs, body = dev.request("GET", "/v1/health", headers={"Origin": ORIGIN})
        self.assertEqual(status, 200)
        self.assertEqual(hdrs["access-control-allow-origin"], ORIGIN)
        self.assertIn("x-openstack-request-id", hdrs["access-control-expose-headers"].lower())


class Methods(Fault, unittest.TestCase):
    def test_405_with_allow(self):
        # DELETE is a write: the token first, then the router says 405
        status, hdrs, body = dev.request("DELETE", "/v1/health", headers=AUTH)
        self.assertFault(status, hdrs, body, 405, "badMethod")
        self.assertIn("GET", hdrs["allow"])
        status, hdrs, body = dev.request("DELETE", "/v1/health")
        self.assertFault(status, hdrs, body, 401, "unauthorized")
        status, hdrs, body = dev.request("GET", "/v1/device/reboot")
        self.assertFault(status, hdrs, body, 405, "badMethod")
        self.assertIn("POST", hdrs["allow"])

    def test_405_with_curl(self):
        status, hdrs, body = dev.curl("-X", "DELETE", "-H", "X-Auth-Token: " + TOKEN, "URL/v1/health")
        self.assertEqual(status, 405)
        self.assertIn("GET", curl_header(hdrs, "Allow"))


class Lab(unittest.TestCase):
    def test_lab_and_its_log_line(self):
        status, hdrs, body = dev.curl("URL/lab/")
        self.assertEqual(status, 200)
        self.assertTrue(curl_header(hdrs, "Content-Type").startswith("text/plain"))
        self.assertEqual(body, b"Paste Deploy LAB: Version = 1.0.0")
        dev.wait_console(r"(?m)^GET /lab/ 200 33 \d+\r?$")

    def test_lab_with_http_client(self):
        status, hdrs, body = dev.request("GET", "/lab/")
        self.assertEqual((status, body), (200, b"Paste Deploy LAB: Version = 1.0.0"))

    def test_log_line_leaves_out_the_query(self):
        dev.request("GET", "/lab/probe?secret=1")
        dev.wait_console(r"(?m)^GET /lab/probe 200 33 \d+\r?$")
        self.assertNotIn("secret=1", dev.console_text())


class Reboot(Fault, unittest.TestCase):
    def test_needs_the_token(self):
        banners = len(re.findall(BANNER, dev.console_text()))
        up0 = get_json("/v1/device")["device"]["uptime_ms"]
        for h in ({}, {"X-Auth-Token": "wrong"}):
            status, hdrs, body = dev.request("POST", "/v1/device/reboot", headers=h)
            self.assertFault(status, hdrs, body, 401, "unauthorized")
            self.assertTrue(hdrs["www-authenticate"].startswith("Keystone uri="), hdrs)
        time.sleep(0.5)
        # still the same boot
        self.assertGreater(get_json("/v1/device")["device"]["uptime_ms"], up0)
        self.assertEqual(len(re.findall(BANNER, dev.console_text())), banners)

    def reboot(self):
        """POST the reboot, check the 202, and wait until the new boot has
        said 'http: serving on port N': its listener is up and nothing has
        asked it anything yet."""
        text = dev.console_text()
        banners = len(re.findall(BANNER, text))
        servings = len(SERVING_RX.findall(text))
        c = http.client.HTTPConnection("127.0.0.1", dev.http_port, timeout=10)
        c.request("POST", "/v1/device/reboot", body=b"", headers=AUTH)
        r = c.getresponse()
        body = r.read()
        c.close()
        self.assertEqual(r.status, 202, body)
        self.assertEqual(json.loads(body)["reboot"]["status"], "accepted")
        self.assertEqual(r.getheader("Connection"), "close")
        self.assertRegex(r.getheader("X-Openstack-Request-Id"), REQ_ID)
        dev.wait_console(r"(?s)(%s.*){%d}" % (BANNER, banners + 1), timeout=30)
        deadline = time.monotonic() + 30
        while len(SERVING_RX.findall(dev.console_text())) <= servings:
            self.assertLess(time.monotonic(), deadline, dev.console_text())
            time.sleep(0.05)

    def first_request_id(self):
        """The id of the first request of a boot, asked right after
        reboot(): request_id seeds its generator on its first request, so
        this is the first id a boot draws - a constant seed repeats it."""
        deadline = time.monotonic() + 30
        while True:
            try:
                status, hdrs, body = dev.request("GET", "/v1/", timeout=10)
                break
            except (OSError, http.client.HTTPException):
                # refused before the pipeline ran: nothing was drawn
                self.assertLess(time.monotonic(), deadline, dev.console_text())
                time.sleep(0.1)
        self.assertEqual(status, 200, body)
        self.assertRegex(hdrs.get("x-openstack-request-id", ""), REQ_ID)
        return hdrs["x-openstack-request-id"]

    def test_round_trip(self):
        # Up long enough that a restart shows as uptime going down.
        while get_json("/v1/device")["device"]["uptime_ms"] < 3000:
            time.sleep(0.2)
        t0 = time.monotonic()
        up0 = get_json("/v1/device")["device"]["uptime_ms"]

        self.reboot()
        first_ids = [self.first_request_id()]
        deadline = time.monotonic() + 60
        while True:
            try:
                status, hdrs, out = dev.request("GET", "/v1/device", timeout=2)
                if status == 200:
                    break
            except (OSError, http.client.HTTPException):
                pass
            self.assertLess(time.monotonic(), deadline, dev.console_text())
            time.sleep(0.1)
        up1 = json.loads(out)["device"]["uptime_ms"]
        elapsed_ms = (time.monotonic() - t0) * 1000.0
        # Without a restart it would read up0 + elapsed.
        self.assertLess(up1, up0 + elapsed_ms - 2000, (up0, up1, elapsed_ms))
        self.assertLess(up1, elapsed_ms + 500)
        # and it serves everything again
        self.assertEqual(get_json("/v1/health"), {"status": "ok"})
        self.assertEqual(dev.request("GET", "/")[0], 300)
        self.assertEqual(dev.curl("URL/lab/")[2], b"Paste Deploy LAB: Version = 1.0.0")

        # Once more: the first request id of this boot and of the last
        # must differ. (The module's first boot drew its first id for the
        # harness's GET / probe, which keeps no headers.)
        self.reboot()
        first_ids.append(self.first_request_id())
        print("\nfirst request id after reboot 1: %s, after reboot 2: %s" % tuple(first_ids),
              file=sys.stderr)
        self.assertNotEqual(first_ids[0], first_ids[1])
        self.assertEqual(get_json("/v1/health"), {"status": "ok"})


if __name__ == "__main__":
    unittest.main(verbosity=2)
