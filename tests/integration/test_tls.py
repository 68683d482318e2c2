"""HTTPS on the device (SPEC §2): mbedTLS under lwIP's altcp TLS layer in the
QEMU image. curl and Python's ssl verify the baked certificate
(build/<board>/tls/device-cert.pem, SAN 127.0.0.1); openssl s_client shows
what is refused (TLS 1.0/1.1, CBC, RSA key exchange); max_tls_connections
refuses the next TLS client while HTTP keeps serving; a handshake flood
leaves the device serving; two boots draw different randomness."""
import concurrent.futures
import http.client
import json
import os
import socket
import ssl
import subprocess
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from device import Device  # noqa: E402

IMAGE = os.environ.get("LWPASTE_IMAGE")
BOARD = os.environ.get("LWPASTE_BOARD", "mps2-an385")
CERT = os.path.join(os.path.dirname(os.path.dirname(IMAGE or ".")), "tls", "device-cert.pem")
SUITES = ("ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305")
dev = None


def setUpModule():
    global dev
    if not os.path.exists(CERT):
        raise unittest.SkipTest("no %s: image built without TLS" % CERT)
    dev = Device(IMAGE, BOARD, https=True).start()
    dev.wait_console(r"https: port 443", timeout=10)


def tearDownModule():
    if dev:
        dev.stop()


def client_ctx(ciphers=None):
    ctx = ssl.create_default_context(cafile=CERT)
    if ciphers:
        ctx.set_ciphers(ciphers)
    return ctx


def https_get(path, ctx=None, timeout=20):
    # Under load a TLS slot can still be held for a moment by a connection
    # that is going (open problem, see the note in issue #4): a handshake
    # the device cuts short is retried once, and said so on stderr.
    for attempt in range(2):
        c = http.client.HTTPSConnection("127.0.0.1", dev.https_port, context=ctx or client_ctx(),
                                        timeout=timeout)
        try:
            c.request("GET", path)
            r = c.getresponse()
            return r.status, r.read(), c.sock.version(), c.sock.cipher()[0]
        except (ssl.SSLZeroReturnError, ssl.SSLEOFError, ConnectionResetError) as e:
            if attempt:
                raise
            print("\nhttps_get %s: handshake cut short (%s), retrying once" % (path, e), file=sys.stderr)
            time.sleep(1.0)
        finally:
            c.close()


def tls_connect(ctx=None, timeout=20):
    raw = socket.create_connection(("127.0.0.1", dev.https_port), timeout=timeout)
    try:
        return (ctx or client_ctx()).wrap_socket(raw, server_hostname="127.0.0.1")
    except BaseException:
        raw.close()
        raise


def s_client(*args):
    """openssl s_client against the device; (exit code, combined output)."""
    p = subprocess.run(["openssl", "s_client", "-connect", "127.0.0.1:%d" % dev.https_port,
                        "-CAfile", CERT, "-servername", "localhost"] + list(args),
                       input=b"", capture_output=True, timeout=30)
    return p.returncode, (p.stdout + p.stderr).decode("utf-8", "replace")


def stats():
    status, _, body = dev.request("GET", "/v1/stats")
    assert status == 200
    return json.loads(body)["stats"]


class Https(unittest.TestCase):
    def test_curl_verifies_and_gets_the_same_routes(self):
        for path, want in (("/", 300), ("/v1/", 200), ("/lab/", 200), ("/nope", 404)):
            out = subprocess.run(
                ["curl", "-sS", "--max-time", "30", "--retry", "1", "--retry-delay", "1", "--retry-all-errors",
                 "--cacert", CERT, "-o", "-", "-w", "\n%{http_code}",
                 "https://127.0.0.1:%d%s" % (dev.https_port, path)],
                capture_output=True, check=True, text=True).stdout
            body, code = out.rsplit("\n", 1)
            self.assertEqual(int(code), want, path)
            if path == "/lab/":
                self.assertEqual(body, "Paste Deploy LAB: Version = 1.0.0")
            if path == "/":
                href = json.loads(body)["versions"][0]["links"][0]["href"]
                self.assertTrue(href.startswith("https://"), href)

    def test_curl_localhost_name_verifies(self):
        out = subprocess.run(
            ["curl", "-sS", "--max-time", "30", "--retry", "1", "--retry-delay", "1", "--retry-all-errors",
                 "--cacert", CERT, "-o", "/dev/null", "-w", "%{http_code}",
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
        c = http.client.HTTPSConnection("127.0.0.1", dev.https_port, context=client_ctx(), timeout=20)
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

    def test_tls12_ecdhe_handshake_in_s_client(self):
        rc, out = s_client("-tls1_2")
        self.assertEqual(rc, 0, out)
        self.assertIn("Protocol  : TLSv1.2", out)
        self.assertIn("Verify return code: 0 (ok)", out)
        self.assertRegex(out, r"Server Temp Key: (ECDH, prime256v1|ECDH, P-256|X25519)")

    def assert_refused(self, *args):
        rc, out = s_client(*args)
        self.assertNotEqual(rc, 0, out)
        self.assertIn("CONNECTED(", out)          # the TCP connection was made ...
        self.assertNotIn("Cipher is ECDHE", out)  # ... and no session came of it
        self.assertRegex(out, r"alert|handshake failure|unexpected eof|errno=104|no peer certificate", out)
        return out

    def test_tls10_and_tls11_refused(self):
        # SECLEVEL=0 so that OpenSSL 3 really offers the old protocol.
        for flag in ("-tls1", "-tls1_1"):
            out = self.assert_refused(flag, "-cipher", "DEFAULT:@SECLEVEL=0")
            self.assertRegex(out, r"alert protocol version|handshake failure|unexpected eof", flag)

    def test_cbc_suite_refused(self):
        self.assert_refused("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA256")

    def test_rsa_key_exchange_refused(self):
        self.assert_refused("-tls1_2", "-cipher", "AES128-GCM-SHA256")

    def test_tls13_only_client_refused(self):
        self.assert_refused("-tls1_3")

    def test_stats_report_the_tls_arena(self):
        https_get("/v1/health")
        st = stats()
        mem = st["tls"]["mem"]
        self.assertGreater(mem["max"], mem["used"])
        self.assertLessEqual(mem["max"], mem["avail"])
        print("\nTLS arena: %d B, in use idle %d B, peak %d B" % (mem["avail"], mem["used"], mem["max"]),
              file=sys.stderr)


def wait_tls_idle(timeout=10):
    """Until earlier clients' connections are gone (tls_open 0)."""
    deadline = time.monotonic() + timeout
    while stats()["connections"]["tls_open"] and time.monotonic() < deadline:
        time.sleep(0.1)
    return stats()


class Limits(unittest.TestCase):
    def test_past_max_tls_connections_refused_http_keeps_serving(self):
        # Two clients must both get a slot. Once, in a full loaded run, the
        # second was refused with the device idle by its stats - likely a
        # straggler of the flood test before this one (QEMU's slirp still
        # finishing connections it had queued to the device) taking a slot
        # for a moment. A refusal is reported and retried once the device
        # is idle again; three in a row fail the test.
        held, why = [], []
        for attempt in range(3):
            st = wait_tls_idle()
            self.assertEqual(st["connections"]["tls_open"], 0, st)
            time.sleep(1.0 * attempt)
            try:
                for _ in range(2):  # [server:main] max_tls_connections = 2
                    held.append(tls_connect())
                break
            except (ssl.SSLError, OSError) as e:
                why.append("attempt %d: TLS client %d of 2 refused (%s): %s" %
                           (attempt + 1, len(held) + 1, e, stats()))
                print("\n" + why[-1], file=sys.stderr)
                for s in held:
                    s.close()
                held = []
        if len(held) < 2:
            self.fail("\n".join(why) + "\n" + dev.console_text()[-800:])
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
        # Slots come back: a new TLS client is served again.
        deadline = time.monotonic() + 10
        while True:
            try:
                self.assertEqual(https_get("/v1/health")[0], 200)
                break
            except (ssl.SSLError, OSError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)


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


if __name__ == "__main__":
    unittest.main(verbosity=2)
