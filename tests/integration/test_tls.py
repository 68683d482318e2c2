"""HTTPS on the device (SPEC §2, §4): mbedTLS under lwIP's altcp TLS layer in
the QEMU image.

- Endpoints: every route of the default image (SPEC §4) over HTTPS, each
  with curl --cacert and with Python's http.client + ssl, both verifying
  the baked certificate (build/<board>/tls/device-cert.pem, SAN
  127.0.0.1): status, Content-Type, Content-Length and the body's shape.
- Refusals: openssl s_client -msg shows the exact alert the device sends
  for what it does not speak (TLS 1.0/1.1: protocol_version; CBC, RSA and
  DHE key exchange, ECDHE-RSA, AES-256, only X25519 or P-384, only TLS
  1.3: handshake_failure; a renegotiation: no_renegotiation), and
  afterwards it still serves.
- Limits: max_tls_connections refuses the next TLS client while HTTP keeps
  serving; PcbPool: with every TCP PCB taken a TLS client is refused at
  once, and no dead connection reaches the device later; Flood: a
  handshake flood leaves the device serving.
- Entropy: two boots draw different randomness. NoEntropy: booted without
  semihosting the board has no entropy, so HTTPS stays off - no DRBG is
  seeded, the TLS arena is never touched - and HTTP serves.
- Reboot (last, see load_tests): POST /v1/device/reboot over HTTPS, and
  the device serves HTTPS again after its next boot.

The token is read from the ini the image was baked from (LWPASTE_CONFIG,
default config/api-paste.ini), never written here."""
import collections
import concurrent.futures
import configparser
import http.client
import json
import os
import re
import socket
import ssl
import subprocess
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from device import ROOT, Device, board_qemu  # noqa: E402

IMAGE = os.environ.get("LWPASTE_IMAGE")
BOARD = os.environ.get("LWPASTE_BOARD", "mps2-an385")
CONFIG = os.environ.get("LWPASTE_CONFIG", os.path.join(ROOT, "config", "api-paste.ini"))
CERT = os.path.join(os.path.dirname(os.path.dirname(IMAGE or ".")), "tls", "device-cert.pem")
SUITES = ("ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305")
# Console lines (firmware/fw.c fw_banner, firmware/start.c start_https).
BANNER = r"(?m)^lwpaste \S+ \(build \S+\) on " + re.escape(BOARD) + r"\r?$"
HTTPS_UP = r"(?m)^https: port 443, "
NO_ENTROPY = r"(?m)^https: off: the board gave no entropy to seed the DRBG\r?$"
REQ_ID = r"^req-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"
LAB = b"Paste Deploy LAB: Version = 1.0.0"
dev = None


def read_token():
    cp = configparser.ConfigParser(interpolation=None, strict=False)
    cp.optionxform = str
    with open(CONFIG, encoding="utf-8") as f:
        cp.read_string(f.read())
    return cp["DEFAULT"]["token"]


TOKEN = read_token()
AUTH = {"X-Auth-Token": TOKEN}


def setUpModule():
    global dev
    if not os.path.exists(CERT):
        raise unittest.SkipTest("no %s: image built without TLS" % CERT)
    dev = Device(IMAGE, BOARD, https=True).start()
    dev.wait_console(HTTPS_UP, timeout=10)


def tearDownModule():
    if dev:
        dev.stop()


def load_tests(loader, tests, pattern):
    """The classes run in this order, not by name: the endpoint table and
    the refusals on a quiet device, then the tests that load it, the ones
    that boot devices of their own, and the reboot of the module's device
    last of all (nothing may use it after that)."""
    suite = unittest.TestSuite()
    for cls in (Https, Endpoints, Refusals, Limits, PcbPool, Flood, Entropy, NoEntropy, Reboot):
        suite.addTests(loader.loadTestsFromTestCase(cls))
    return suite


def client_ctx(ciphers=None):
    ctx = ssl.create_default_context(cafile=CERT)
    if ciphers:
        ctx.set_ciphers(ciphers)
    return ctx


def https_connect(ctx=None, timeout=20):
    """An http.client.HTTPSConnection with its handshake done."""
    c = http.client.HTTPSConnection("127.0.0.1", dev.https_port, context=ctx or client_ctx(),
                                    timeout=timeout)
    try:
        c.connect()
    except BaseException:
        c.close()
        raise
    return c


def https_get(path, ctx=None, timeout=20):
    c = https_connect(ctx, timeout)
    try:
        c.request("GET", path)
        r = c.getresponse()
        return r.status, r.read(), c.sock.version(), c.sock.cipher()[0]
    finally:
        c.close()


def tls_connect(ctx=None, timeout=20, port=None):
    raw = socket.create_connection(("127.0.0.1", port or dev.https_port), timeout=timeout)
    try:
        return (ctx or client_ctx()).wrap_socket(raw, server_hostname="127.0.0.1")
    except BaseException:
        raw.close()
        raise


def s_client(*args, stdin=b""):
    """openssl s_client -msg against the device: (exit code, combined
    output). -msg prints every record both ways, the device's alerts
    among them."""
    p = subprocess.run(["openssl", "s_client", "-msg", "-connect", "127.0.0.1:%d" % dev.https_port,
                        "-CAfile", CERT, "-servername", "localhost"] + list(args),
                       input=stdin, capture_output=True, timeout=30)
    return p.returncode, (p.stdout + p.stderr).decode("utf-8", "replace")


def stats(d=None):
    status, _, body = (d or dev).request("GET", "/v1/stats")
    assert status == 200
    return json.loads(body)["stats"]


# -- one request over HTTPS, by two clients -------------------------------

# tls: what the client reports of the connection; then: the answer to a
# second request on the same connection (py_https only).
Answer = collections.namedtuple("Answer", "status headers body tls then", defaults=(None,))


def py_https(method, path, body=None, headers=None, then=None):
    """http.client + ssl; tls = (protocol, cipher). then = (method, path):
    a second request on the same kept-alive connection, whose answer goes
    in .then (after a HEAD that sent a body it would come out garbled)."""
    c = https_connect()
    tls = (c.sock.version(), c.sock.cipher()[0])  # before a 'Connection: close' takes the socket
    try:
        c.request(method, path, body=body, headers=dict(headers or {}))
        r = c.getresponse()
        data = r.read()
        hdrs = dict((k.lower(), v) for k, v in r.getheaders())
        second = None
        if then:
            c.request(*then)
            r2 = c.getresponse()
            second = Answer(r2.status, dict((k.lower(), v) for k, v in r2.getheaders()), r2.read(), tls)
        return Answer(r.status, hdrs, data, tls, second)
    finally:
        c.close()


def curl_https(method, path, body=None, headers=None):
    """curl --cacert: it verifies the certificate and the name 127.0.0.1
    (tls = ("verify", curl's ssl_verify_result)). For a HEAD, body is as
    many bytes as curl counted in the response body."""
    hdr = os.path.join(dev.tmp, "tls-curl-headers")
    if os.path.exists(hdr):
        os.unlink(hdr)
    args = ["curl", "-sS", "--max-time", "30", "--cacert", CERT, "-D", hdr]
    if method == "HEAD":
        args += ["-I", "-o", "/dev/null", "-w", "\n%{ssl_verify_result} %{size_download}"]
    else:
        args += ["-X", method, "-o", "-", "-w", "\n%{ssl_verify_result}"]
    for k, v in (headers or {}).items():
        args += ["-H", "%s: %s" % (k, v)]
    if body is not None:
        args += ["--data-binary", body]
    out = subprocess.run(args + ["https://127.0.0.1:%d%s" % (dev.https_port, path)],
                         capture_output=True, check=True).stdout
    data, tail = out.rsplit(b"\n", 1)
    tail = tail.split()
    if method == "HEAD":
        data = b"x" * int(tail[1])
    with open(hdr, encoding="latin-1") as f:
        text = f.read()
    lines = text[text.rindex("HTTP/"):].splitlines()  # the last answer (a 100 Continue comes first)
    hdrs = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            hdrs[k.strip().lower()] = v.strip()
    return Answer(int(lines[0].split()[1]), hdrs, data, ("verify", int(tail[0])))


CLIENTS = (("curl", curl_https), ("python-ssl", py_https))


def http_led(on=None):
    """LED 0 over plain HTTP: set it (on is a bool) or read it back."""
    if on is None:
        status, _, body = dev.request("GET", "/v1/leds/0")
    else:
        status, _, body = dev.request("PUT", "/v1/leds/0", body=json.dumps({"on": on}),
                                      headers=dict(AUTH, **{"Content-Type": "application/json"}))
    assert status == 200, (status, body)
    return json.loads(body)["led"]["on"]


class Https(unittest.TestCase):
    def test_curl_localhost_name_verifies(self):
        out = subprocess.run(
            ["curl", "-sS", "--max-time", "30", "--cacert", CERT, "-o", "/dev/null", "-w", "%{http_code}",
             "--resolve", "localhost:%d:127.0.0.1" % dev.https_port,
             "https://localhost:%d/v1/health" % dev.https_port],
            capture_output=True, check=True, text=True).stdout
        self.assertEqual(out, "200")

    def test_python_ssl_tls12_aead_suites(self):
        for suite in SUITES:
            status, body, version, cipher = https_get("/v1/", client_ctx(suite))
            self.assertEqual(status, 200)
            self.assertEqual(json.loads(body)["version"]["id"], "v1.0")
            self.assertEqual(version, "TLSv1.2")
            self.assertEqual(cipher, suite)
        # Left to choose, the client gets one of the two as well.
        self.assertIn(https_get("/v1/health")[3], SUITES)

    def test_keep_alive_over_tls(self):
        c = https_connect()
        try:
            for _ in range(5):
                c.request("GET", "/v1/health")
                r = c.getresponse()
                self.assertEqual(r.status, 200)
                self.assertEqual(json.loads(r.read()), {"status": "ok"})
        finally:
            c.close()

    def test_wrong_ca_is_rejected_by_the_client(self):
        ctx = ssl.create_default_context()  # system CAs only: the device is not among them
        with self.assertRaises(ssl.SSLCertVerificationError):
            tls_connect(ctx).close()
        out = subprocess.run(["curl", "-sS", "--max-time", "30", "-o", "/dev/null",
                              "https://127.0.0.1:%d/v1/health" % dev.https_port], capture_output=True)
        self.assertEqual(out.returncode, 60, out.stderr)  # CURLE_PEER_FAILED_VERIFICATION

    def test_tls12_ecdhe_handshake_in_s_client(self):
        rc, out = s_client("-tls1_2")
        self.assertEqual(rc, 0, out)
        self.assertIn("Protocol  : TLSv1.2", out)
        self.assertIn("Verify return code: 0 (ok)", out)
        self.assertRegex(out, r"Server Temp Key: (ECDH, prime256v1|ECDH, P-256|X25519)")

    def test_stats_report_the_tls_arena(self):
        https_get("/v1/health")
        st = stats()
        mem = st["tls"]["mem"]
        self.assertGreater(mem["max"], mem["used"])
        self.assertLessEqual(mem["max"], mem["avail"])
        print("\nTLS arena: %d B, in use idle %d B, peak %d B" % (mem["avail"], mem["used"], mem["max"]),
              file=sys.stderr)


# -- every endpoint of SPEC §4 over HTTPS ---------------------------------

def check_version(t, a, root):
    """GET / (300, versions) or /v1, /v1/ (200, version): the self link
    says https, with the Host the client sent."""
    doc = json.loads(a.body)
    if root:
        t.assertEqual(list(doc), ["versions"])
        versions = doc["versions"]
        t.assertEqual(len(versions), 1)
        v = versions[0]
    else:
        t.assertEqual(list(doc), ["version"])
        v = doc["version"]
    t.assertEqual(v["id"], "v1.0")
    t.assertEqual(v["status"], "CURRENT")
    t.assertIn("media-types", v)
    t.assertEqual(v["links"], [{"rel": "self", "href": "https://127.0.0.1:%d/v1/" % dev.https_port}])


def check_fault(t, a, code, name):
    doc = json.loads(a.body)
    t.assertEqual(list(doc), [name])
    t.assertEqual(doc[name]["code"], code)
    t.assertTrue(doc[name]["message"])
    t.assertNotIn(TOKEN.encode(), a.body)


def check_device(t, a):
    d = json.loads(a.body)["device"]
    t.assertEqual(set(d), {"name", "hostname", "board", "firmware", "uptime_ms", "uptime_s", "mac",
                           "ipv4", "netmask", "gateway"})
    t.assertEqual(d["board"], BOARD)
    t.assertEqual(set(d["firmware"]), {"name", "version", "build_id"})
    t.assertRegex(d["firmware"]["version"], r"^\d+\.\d+\.\d+")
    t.assertRegex(d["mac"], r"^[0-9a-f]{2}(:[0-9a-f]{2}){5}$")
    t.assertEqual(d["ipv4"], "10.0.2.15")
    t.assertIsInstance(d["uptime_ms"], int)


def check_stats(t, a):
    s = json.loads(a.body)["stats"]
    t.assertEqual(set(s), {"uptime_ms", "http", "connections", "lwip", "tls"})
    t.assertEqual(set(s["connections"]), {"open", "max", "tls_open"})
    # this very request came over TLS: its connection holds a slot and state
    t.assertGreaterEqual(s["connections"]["tls_open"], 1)
    t.assertGreater(s["tls"]["mem"]["used"], 0)
    for pool in ("mem", "pbuf", "tcp_pcb"):
        t.assertEqual(set(s["lwip"][pool]), {"used", "max", "avail"})
    t.assertIsInstance(s["http"]["requests"], int)


def check_leds(t, a):
    leds = json.loads(a.body)["leds"]
    t.assertGreaterEqual(len(leds), 1)
    t.assertEqual([x["id"] for x in leds], list(range(len(leds))))
    for x in leds:
        t.assertEqual(set(x), {"id", "on"})
        t.assertIsInstance(x["on"], bool)


def check_led0(t, a):
    doc = json.loads(a.body)
    t.assertEqual(list(doc), ["led"])
    t.assertEqual(doc["led"]["id"], 0)
    t.assertIsInstance(doc["led"]["on"], bool)
    # what the hardware says, read back over plain HTTP
    t.assertEqual(doc["led"]["on"], http_led())


def check_put_led0(t, a):
    t.assertEqual(json.loads(a.body), {"led": {"id": 0, "on": True}})
    t.assertTrue(http_led(), "the LED did not change")


def check_put_led0_refused(t, a):
    check_fault(t, a, 401, "unauthorized")
    t.assertIn("www-authenticate", a.headers)
    t.assertFalse(http_led(), "a PUT without the token changed the LED")


def check_config(t, a):
    text = a.body.decode("utf-8")
    t.assertNotIn(TOKEN, text)
    t.assertRegex(text, r"(?m)^token = \*\*\*$")
    t.assertIn("[pipeline:v1]", text)
    t.assertIn("[server:main]", text)


def check_head(t, a):
    t.assertEqual(a.body, b"")
    t.assertGreater(int(a.headers["content-length"]), 0)
    if a.then is not None:
        # the same connection: a body after the HEAD's head would be read
        # as this answer's status line
        t.assertEqual(a.then.status, 200)
        t.assertEqual(len(a.then.body), int(a.headers["content-length"]))
        t.assertEqual(json.loads(a.then.body)["version"]["id"], "v1.0")


Case = collections.namedtuple("Case", "method path headers body status ctype check before then")
JSON = "application/json"
TEXT = "text/plain"


def case(method, path, status, ctype, check=None, headers=None, body=None, before=None, then=None):
    return Case(method, path, headers or {}, body, status, ctype, check, before, then)


ENDPOINTS = (
    case("GET", "/", 300, JSON, lambda t, a: check_version(t, a, True)),
    case("GET", "/v1", 200, JSON, lambda t, a: check_version(t, a, False)),
    case("GET", "/v1/", 200, JSON, lambda t, a: check_version(t, a, False)),
    case("GET", "/nope", 404, JSON, lambda t, a: check_fault(t, a, 404, "itemNotFound")),
    case("GET", "/lab/", 200, TEXT, lambda t, a: t.assertEqual(a.body, LAB)),
    case("GET", "/v1/health", 200, JSON, lambda t, a: t.assertEqual(json.loads(a.body), {"status": "ok"})),
    # [filter:healthcheck] path = /healthcheck, in front of the token
    case("GET", "/v1/healthcheck", 200, TEXT, lambda t, a: t.assertEqual(a.body, b"OK")),
    case("GET", "/v1/device", 200, JSON, check_device),
    case("GET", "/v1/stats", 200, JSON, check_stats),
    case("GET", "/v1/leds", 200, JSON, check_leds),
    case("GET", "/v1/leds/0", 200, JSON, check_led0),
    case("GET", "/v1/leds/7", 404, JSON, lambda t, a: check_fault(t, a, 404, "itemNotFound")),
    case("PUT", "/v1/leds/0", 200, JSON, check_put_led0, dict(AUTH, **{"Content-Type": JSON}),
         b'{"on": true}', before=lambda: http_led(False)),
    case("PUT", "/v1/leds/0", 401, JSON, check_put_led0_refused, {"Content-Type": JSON},
         b'{"on": true}', before=lambda: http_led(False)),
    case("POST", "/v1/device/reboot", 401, JSON, lambda t, a: check_fault(t, a, 401, "unauthorized"),
         body=b""),
    case("GET", "/v1/config", 200, TEXT, check_config, AUTH),
    case("GET", "/v1/config", 401, JSON, lambda t, a: check_fault(t, a, 401, "unauthorized")),
    case("HEAD", "/v1/", 200, JSON, check_head, then=("GET", "/v1/")),
)


class Endpoints(unittest.TestCase):
    """Each row of ENDPOINTS by each client: status, Content-Type, a
    Content-Length that is the body's, the request id on /v1 answers, the
    body's shape; both clients verify the baked certificate."""

    def run_table(self, client, fetch):
        for c in ENDPOINTS:
            with self.subTest(client=client, method=c.method, path=c.path, token="X-Auth-Token" in c.headers):
                if c.before:
                    c.before()
                kw = {"then": c.then} if c.then and fetch is py_https else {}
                a = fetch(c.method, c.path, body=c.body, headers=c.headers, **kw)
                self.assertEqual(a.status, c.status, a.body)
                self.assertEqual(a.headers["content-type"].split(";")[0], c.ctype)
                if c.method != "HEAD":
                    self.assertEqual(int(a.headers["content-length"]), len(a.body))
                if c.path.startswith("/v1"):
                    self.assertRegex(a.headers.get("x-openstack-request-id", ""), REQ_ID)
                if fetch is py_https:
                    self.assertEqual(a.tls[0], "TLSv1.2")
                    self.assertIn(a.tls[1], SUITES)
                else:
                    self.assertEqual(a.tls, ("verify", 0))
                if c.check:
                    c.check(self, a)
        http_led(False)

    def test_every_endpoint_with_curl(self):
        self.run_table("curl", curl_https)

    def test_every_endpoint_with_python_ssl(self):
        self.run_table("python-ssl", py_https)


# -- what the device refuses, and with which alert -------------------------

PROTOCOL_VERSION = (r"<<< TLS 1\.\d, Alert \[length 0002\], fatal protocol_version\n\s+02 46\n",
                    "SSL alert number 70")
HANDSHAKE_FAILURE = (r"<<< TLS 1\.\d, Alert \[length 0002\], fatal handshake_failure\n\s+02 28\n",
                     "SSL alert number 40")
# What a client may offer and the device does not speak (SPEC §2: TLS 1.2,
# ECDHE with AES-GCM or ChaCha20-Poly1305; net/tls/mbedtls_config_lwpaste.h:
# ECDHE-ECDSA on P-256, AES-128 only). SECLEVEL=0 so that OpenSSL 3 really
# offers TLS 1.0 and 1.1.
REFUSALS = (
    ("TLS 1.0", ("-tls1", "-cipher", "DEFAULT:@SECLEVEL=0"), PROTOCOL_VERSION),
    ("TLS 1.1", ("-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0"), PROTOCOL_VERSION),
    ("TLS 1.3 only", ("-tls1_3",), HANDSHAKE_FAILURE),
    ("CBC", ("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA256"), HANDSHAKE_FAILURE),
    ("RSA key exchange", ("-tls1_2", "-cipher", "AES128-GCM-SHA256"), HANDSHAKE_FAILURE),
    ("AES-256-GCM", ("-tls1_2", "-cipher", "ECDHE-ECDSA-AES256-GCM-SHA384"), HANDSHAKE_FAILURE),
    ("ECDHE-RSA", ("-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256"), HANDSHAKE_FAILURE),
    ("DHE", ("-tls1_2", "-cipher", "DHE-RSA-AES128-GCM-SHA256"), HANDSHAKE_FAILURE),
    ("X25519 only", ("-tls1_2", "-groups", "X25519"), HANDSHAKE_FAILURE),
    ("P-384 only", ("-tls1_2", "-groups", "P-384"), HANDSHAKE_FAILURE),
)


class Refusals(unittest.TestCase):
    def test_each_refused_with_its_alert_then_still_serving(self):
        for name, args, (record, error) in REFUSALS:
            with self.subTest(name):
                rc, out = s_client(*args)
                self.assertNotEqual(rc, 0, out)
                self.assertIn("CONNECTED(", out)          # the TCP connection was made ...
                self.assertNotIn("ServerHello", out)      # ... the device answered the hello
                self.assertRegex(out, record)             # with this alert record ...
                self.assertIn(error, out)                 # ... and the client says so
                self.assertIn("Cipher is (NONE)", out)
        self.assert_still_serving()

    def test_renegotiation_refused_then_still_serving(self):
        # The handshake completes; 'R' asks s_client to renegotiate, and the
        # device answers the new ClientHello with a no_renegotiation warning
        # (encrypted; -msg shows it decrypted), which OpenSSL makes fatal.
        rc, out = self.s_client_renegotiate()
        self.assertIn("New, TLSv1.2, Cipher is ECDHE-ECDSA-", out)
        self.assertIn("Secure Renegotiation IS supported", out)  # RFC 5746: so the client may try
        head, sep, after = out.partition("RENEGOTIATING")
        self.assertTrue(sep, out)
        self.assertRegex(after, r">>> TLS 1\.2, Handshake \[length [0-9a-f]+\], ClientHello")
        self.assertRegex(after, r"<<< TLS 1\.2, Alert \[length 0002\], warning no_renegotiation\n\s+01 64\n")
        self.assertNotIn("ServerHello", after)
        self.assertIn(":no renegotiation:", after)
        self.assertNotEqual(rc, 0, out)
        self.assert_still_serving()

    def s_client_renegotiate(self):
        """s_client with 'R' on its stdin, which stays open until s_client
        ends on its own (at EOF it might quit before the device's answer)."""
        p = subprocess.Popen(["openssl", "s_client", "-msg", "-tls1_2", "-connect",
                              "127.0.0.1:%d" % dev.https_port, "-CAfile", CERT, "-servername", "localhost"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        killer = threading.Timer(30, p.kill)
        killer.start()
        try:
            p.stdin.write(b"R\n")
            p.stdin.flush()
            out = p.stdout.read()  # until s_client exits (or is killed after 30 s)
            return p.wait(), out.decode("utf-8", "replace")
        finally:
            killer.cancel()
            if p.poll() is None:
                p.kill()
                p.wait()
            p.stdin.close()
            p.stdout.close()

    def assert_still_serving(self):
        status, body, version, cipher = https_get("/v1/health")
        self.assertEqual((status, json.loads(body), version), (200, {"status": "ok"}, "TLSv1.2"))


def wait_tls_idle(timeout=10):
    """Until earlier clients' connections are gone (tls_open 0)."""
    deadline = time.monotonic() + timeout
    while stats()["connections"]["tls_open"] and time.monotonic() < deadline:
        time.sleep(0.1)
    return stats()


class Limits(unittest.TestCase):
    def test_past_max_tls_connections_refused_http_keeps_serving(self):
        st = wait_tls_idle()
        self.assertEqual(st["connections"]["tls_open"], 0, st)
        held = []
        try:
            for _ in range(2):  # [server:main] max_tls_connections = 2
                held.append(tls_connect())
        except (ssl.SSLError, OSError) as e:
            for s in held:
                s.close()
            self.fail("TLS client %d of 2 refused (%s): %s\n%s" % (len(held) + 1, e, stats(),
                                                                  dev.console_text()[-800:]))
        try:
            for s in held:  # both complete handshakes and answer
                s.sendall(b"GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n")
                self.assertIn(b"200 OK", s.recv(4096))
            t0 = time.monotonic()
            with self.assertRaises((ssl.SSLError, ConnectionError, socket.timeout, OSError)):
                s3 = tls_connect(timeout=10)
                s3.sendall(b"GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n")
                if not s3.recv(4096):
                    raise ConnectionResetError("closed")
            self.assertLess(time.monotonic() - t0, 10, "refused, not left hanging")
            status, _, _ = dev.request("GET", "/v1/health")
            self.assertEqual(status, 200)
            st = stats()
            self.assertEqual(st["connections"]["tls_open"], 2)
        finally:
            for s in held:
                s.close()
        # Slots come back: a new TLS client is served again. Not always at
        # the first try: the FINs of the two clients just closed and this
        # client's SYN pass QEMU's slirp, which may hand the device the SYN
        # first - the slots are then still held, rightly.
        deadline = time.monotonic() + 10
        while True:
            try:
                self.assertEqual(https_get("/v1/health")[0], 200)
                break
            except (ssl.SSLError, OSError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)


CLOSE_REQ = b"GET /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"


def hold_half_closed(n, per_batch):
    """n plain-HTTP connections the device has answered and closed (its FIN
    sent) but the client keeps open: each holds one of the device's TCP
    PCBs in FIN-WAIT-2, a state lwIP does not take back for a new
    connection (only TIME-WAIT, LAST-ACK and CLOSING), for 20 s
    (TCP_FIN_WAIT_TIMEOUT). per_batch at a time: until the device gives up
    on the client's FIN (HTTP_DRAIN_MS, 2 s) each also holds a connection
    slot."""
    held = []
    try:
        while len(held) < n:
            batch = []
            for _ in range(min(per_batch, n - len(held))):
                s = socket.create_connection(("127.0.0.1", dev.http_port), timeout=10)
                batch.append(s)
                s.sendall(CLOSE_REQ)
                data = b""
                while True:
                    b = s.recv(4096)
                    if not b:
                        break  # the device's FIN: its side is closed
                    data += b
                assert data.startswith(b"HTTP/1.1 200 "), data[:60]
            held += batch
            # The device's drain ends (its poll, 500 ms) and the slots
            # are free again, the PCBs left in FIN-WAIT-2.
            time.sleep(3.0)
        return held
    except BaseException:
        for s in held:
            s.close()
        raise


def try_handshake(timeout):
    """(exception or None, seconds) for one TLS handshake."""
    t = time.monotonic()
    try:
        tls_connect(timeout=timeout).close()
        return None, time.monotonic() - t
    except (ssl.SSLError, OSError) as e:
        return e, time.monotonic() - t


class PcbPool(unittest.TestCase):
    def test_no_pcb_left_refuses_at_once_and_nothing_comes_back_later(self):
        """Every TCP PCB held: a TLS client is refused at once, not left
        hanging, and not served behind its back later. Before, lwIP dropped
        the SYN in silence; QEMU's slirp, which had accepted the client's
        connection already, sent it again 6 s later, long after the client
        had gone: those dead connections took both TLS slots and refused
        the live clients that came at that moment."""
        st = wait_tls_idle()
        pool = st["lwip"]["tcp_pcb"]["avail"]
        held = hold_half_closed(pool, st["connections"]["max"] - 1)
        try:
            with concurrent.futures.ThreadPoolExecutor(6) as ex:
                tries = list(ex.map(lambda _: try_handshake(5), range(6)))
        finally:
            for s in held:
                s.close()  # the device's PCBs: FIN-WAIT-2 -> TIME-WAIT, reclaimable
        for e, took in tries:
            self.assertIsNotNone(e, "a TLS client was served with no PCB free")
            self.assertNotIsInstance(e, socket.timeout, "left hanging, not refused: %r" % (tries,))
            self.assertLess(took, 3, tries)
        # Nothing those clients left behind reaches the device later: no
        # TLS connection, no refusal, for longer than slirp waits to send a
        # SYN again.
        before = stats()
        t_end = time.monotonic() + 10
        while time.monotonic() < t_end:
            st = stats()
            self.assertEqual(st["connections"]["tls_open"], 0, st)
            self.assertEqual(st["http"]["errors"]["rejected"], before["http"]["errors"]["rejected"], st)
            time.sleep(0.2)
        held = [tls_connect(), tls_connect()]  # both slots serve
        try:
            for s in held:
                s.sendall(b"GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n")
                self.assertIn(b"200 OK", s.recv(4096))
        finally:
            for s in held:
                s.close()


class Flood(unittest.TestCase):
    def test_handshake_flood_then_serving(self):
        """30 parallel clients for 10 s: full handshakes, half-open TCP
        connections that never say hello, and ClientHellos cut short."""
        idle_used = stats()["tls"]["mem"]["used"]
        stop = time.monotonic() + 10
        counts = {"ok": 0, "refused": 0}
        lock = threading.Lock()

        def worker(i):
            while time.monotonic() < stop:
                kind = i % 3
                try:
                    if kind == 0:
                        tls_connect(timeout=5).close()
                        res = "ok"
                    else:
                        s = socket.create_connection(("127.0.0.1", dev.https_port), timeout=5)
                        if kind == 2:
                            s.sendall(b"\x16\x03\x01\x00\xc8\x01\x00\x00\xc4\x03\x03" + os.urandom(20))
                        time.sleep(0.5)
                        s.close()
                        res = "refused"
                except (ssl.SSLError, OSError):
                    res = "refused"
                with lock:
                    counts[res] += 1

        t0 = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(30) as ex:
            list(ex.map(worker, range(30)))
        self.assertLess(time.monotonic() - t0, 30)
        print("\nflood: %d full handshakes, %d refused/half-open" % (counts["ok"], counts["refused"]),
              file=sys.stderr)
        # Afterwards: HTTP at once, HTTPS as soon as the half-open ones are gone.
        self.assertEqual(dev.request("GET", "/v1/health")[0], 200)
        deadline = time.monotonic() + 15
        while True:
            try:
                self.assertEqual(https_get("/v1/health", timeout=10)[0], 200)
                break
            except (ssl.SSLError, OSError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        mem = stats()["tls"]["mem"]
        self.assertLessEqual(mem["max"], mem["avail"])
        # Nothing is left behind: every TLS connection of the flood goes,
        # and with it every TLS state (the arena back at its idle use), in
        # bounded time - the tests after this one need both slots.
        deadline, quiet = time.monotonic() + 30, 0
        while quiet < 2:
            st = stats()
            if st["connections"]["tls_open"] == 0 and st["tls"]["mem"]["used"] <= idle_used:
                quiet += 1
            else:
                quiet = 0
                self.assertLess(time.monotonic(), deadline, "TLS not back to idle: %s" % st)
            time.sleep(0.5)


def boot_randomness():
    """Session IDs of two handshakes and one request id, from a fresh boot."""
    with Device(IMAGE, BOARD, https=True) as d:
        d.wait_console(r"https: port 443", timeout=10)
        ids = []
        for _ in range(2):
            raw = socket.create_connection(("127.0.0.1", d.https_port), timeout=20)
            s = client_ctx().wrap_socket(raw, server_hostname="127.0.0.1")
            ids.append(s.session.id)
            s.close()
        _, hdrs, _ = d.request("GET", "/v1/health")
        return ids, hdrs.get("x-openstack-request-id")


class Entropy(unittest.TestCase):
    def test_two_boots_draw_different_randomness(self):
        a_ids, a_req = boot_randomness()
        b_ids, b_req = boot_randomness()
        for sid in a_ids + b_ids:
            self.assertEqual(len(sid), 32)
            self.assertNotEqual(sid, bytes(32))
        # The first session ID after boot is the DRBG's first output that
        # reaches the wire: a constant seed would repeat it boot after boot.
        self.assertEqual(len(set(a_ids + b_ids)), 4, (a_ids, b_ids))
        if a_req and b_req:
            self.assertNotEqual(a_req, b_req)
        print("\nfirst session id: boot 1 %s..., boot 2 %s..." % (a_ids[0][:8].hex(), b_ids[0][:8].hex()),
              file=sys.stderr)


def without_semihosting(extra):
    """The board's QEMU_EXTRA flags less -semihosting-config and its value."""
    out, skip = [], False
    for arg in extra:
        if skip:
            skip = False
        elif arg == "-semihosting-config":
            skip = True
        elif arg != "-semihosting":
            out.append(arg)
    return out


class NoEntropy(unittest.TestCase):
    def test_without_semihosting_https_stays_off_and_http_serves(self):
        # The AN385 has no TRNG: board_entropy() reads the host's
        # /dev/urandom through semihosting (boards/mps2-an385/board.c).
        # Without it the DRBG must never be seeded - from a constant or
        # anything else - and HTTPS must stay off.
        extra = board_qemu(BOARD)[2]
        self.assertIn("-semihosting-config", extra)  # else this boot would prove nothing
        t0 = time.monotonic()
        with Device(IMAGE, BOARD, https=True, qemu_extra=without_semihosting(extra)) as d:
            d.wait_console(NO_ENTROPY, timeout=10)
            self.assertNotRegex(d.console_text(), HTTPS_UP)

            status, hdrs, body = d.request("GET", "/v1/")
            self.assertEqual(status, 200, body)
            self.assertEqual(hdrs["content-type"], "application/json")
            self.assertEqual(json.loads(body)["version"]["links"][0]["href"],
                             "http://127.0.0.1:%d/v1/" % d.http_port)

            # Nothing listens on 443: QEMU's slirp takes the TCP connection
            # and drops it as soon as the guest refuses it - at once, not
            # after a timeout.
            for _ in range(2):
                t = time.monotonic()
                with self.assertRaises((ssl.SSLError, ConnectionError)):
                    tls_connect(timeout=10, port=d.https_port).close()
                self.assertLess(time.monotonic() - t, 5)
            out = subprocess.run(["curl", "-sS", "--max-time", "10", "--cacert", CERT, "-o", "/dev/null",
                                  "https://127.0.0.1:%d/v1/" % d.https_port], capture_output=True, text=True)
            self.assertEqual(out.returncode, 35, out.stderr)  # CURLE_SSL_CONNECT_ERROR

            # Not a byte of the TLS arena was ever used: no certificate
            # parsed, no DRBG set up, no connection state.
            st = stats(d)
            self.assertEqual(st["tls"]["mem"]["used"], 0, st)
            self.assertEqual(st["tls"]["mem"]["max"], 0, st)
            self.assertGreater(st["tls"]["mem"]["avail"], 0, st)
            self.assertEqual(st["connections"]["tls_open"], 0, st)
        print("\nno-entropy boot: %.1f s" % (time.monotonic() - t0), file=sys.stderr)


def wait_count(pattern, n, timeout=30):
    """Until the device's console has N matches of PATTERN."""
    deadline = time.monotonic() + timeout
    while len(re.findall(pattern, dev.console_text())) < n:
        if time.monotonic() > deadline:
            raise AssertionError("console has not %d x %r:\n%s" % (n, pattern, dev.console_text()))
        time.sleep(0.05)


def uptime_ms():
    return json.loads(https_get("/v1/device")[1])["device"]["uptime_ms"]


class Reboot(unittest.TestCase):
    """The module's device restarts here: load_tests runs this class last."""

    def test_reboot_over_https_then_https_again(self):
        for boot, (name, fetch) in enumerate(CLIENTS, start=1):
            with self.subTest(client=name):
                text = dev.console_text()
                # one boot per reboot so far: the 401s of Endpoints did not restart it
                self.assertEqual(len(re.findall(BANNER, text)), boot, text)
                self.assertEqual(len(re.findall(HTTPS_UP, text)), boot, text)
                # up long enough that a restart shows as uptime going down
                up0 = uptime_ms()
                while up0 < 3000:
                    time.sleep(0.2)
                    up0 = uptime_ms()

                a = fetch("POST", "/v1/device/reboot", body=b"", headers=AUTH)
                self.assertEqual(a.status, 202, a.body)
                self.assertEqual(a.headers["content-type"], "application/json")
                self.assertEqual(int(a.headers["content-length"]), len(a.body))
                self.assertEqual(a.headers["connection"].lower(), "close")
                self.assertRegex(a.headers["x-openstack-request-id"], REQ_ID)
                doc = json.loads(a.body)
                self.assertEqual(set(doc["reboot"]), {"status", "uptime_ms"})
                self.assertEqual(doc["reboot"]["status"], "accepted")

                t0 = time.monotonic()
                wait_count(BANNER, boot + 1)
                wait_count(HTTPS_UP, boot + 1)
                # once the console says 'https: port 443' the listener is up
                status, body, version, cipher = https_get("/v1/device")
                self.assertEqual((status, version), (200, "TLSv1.2"), body)
                up1 = json.loads(body)["device"]["uptime_ms"]
                self.assertLess(up1, up0, "uptime did not start again")
                out = curl_https("GET", "/v1/health")
                self.assertEqual((out.status, json.loads(out.body)), (200, {"status": "ok"}))
                print("\nreboot by %s: serving HTTPS again %.1f s after the 202 (uptime %d ms)"
                      % (name, time.monotonic() - t0, up1), file=sys.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
