"""Boot an lwpaste image in QEMU and talk to it over real TCP.

A Device starts qemu-system-arm with user networking and hostfwd ports on
127.0.0.1 (free ports picked at start), waits until the device answers
HTTP, and stops QEMU by the PID in its pidfile. Board QEMU flags come from
boards/<board>/qemu.sh, the same file ./qemu/run uses.
"""
import http.client
import os
import re
import signal
import socket
import subprocess
import tempfile
import threading
import time

# The firmware says this once its HTTP listener is up (firmware/start.c).
SERVING_RX = re.compile(r"(?m)^http: serving on port \d+\r?$")

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def board_qemu(board):
    """Read QEMU_* variables from boards/<board>/qemu.sh."""
    out = subprocess.run(
        ["bash", "-c", 'source "$1"; echo "$QEMU_MACHINE"; echo "$QEMU_NIC_MODEL"; echo "${QEMU_EXTRA:-}"',
         "_", os.path.join(ROOT, "boards", board, "qemu.sh")],
        check=True, capture_output=True, text=True).stdout.split("\n")
    return out[0], out[1], out[2].split()


class Device:
    def __init__(self, image, board="mps2-an385", https=False, qemu_extra=None):
        """qemu_extra: a list that replaces the board's QEMU_EXTRA flags
        (e.g. [] to boot without semihosting); None keeps them."""
        self.image = image
        self.board = board
        self.qemu_extra = qemu_extra
        self.host = "127.0.0.1"
        self.http_port = free_port()
        self.https_port = free_port() if https else None
        self.tmp = tempfile.mkdtemp(prefix="lwpaste-it-")
        self.pidfile = os.path.join(self.tmp, "qemu.pid")
        self.console = []
        self.qemu_err = []  # QEMU's own stderr, kept apart: it would split console lines
        self.proc = None
        self.boot_ms = None     # start to the first answer to GET /
        self.serving_ms = None  # start to the console's 'serving on' line

    # -- lifecycle -------------------------------------------------------
    def start(self, timeout=60):
        machine, nic, extra = board_qemu(self.board)
        if self.qemu_extra is not None:
            extra = list(self.qemu_extra)
        fwd = "hostfwd=tcp:127.0.0.1:%d-:80" % self.http_port
        if self.https_port:
            fwd += ",hostfwd=tcp:127.0.0.1:%d-:443" % self.https_port
        cmd = ["qemu-system-arm", "-M", machine, "-nographic", "-monitor", "none",
               "-serial", "stdio", "-kernel", self.image, "-pidfile", self.pidfile,
               "-nic", "user,model=%s,%s" % (nic, fwd)] + extra
        t0 = time.monotonic()
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        threading.Thread(target=self._read_console, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()
        deadline = t0 + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("QEMU exited: %s%s" % ("".join(self.qemu_err), self.console_text()))
            if not self._serving(t0):
                time.sleep(0.01)
                continue
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.http_port, timeout=2)
                c.request("GET", "/")
                c.getresponse().read()
                c.close()
                self.boot_ms = (time.monotonic() - t0) * 1000.0
                return self
            except (OSError, http.client.HTTPException):
                time.sleep(0.02)
        self.stop()
        raise RuntimeError("device did not answer within %ds; console:\n%s" % (timeout, self.console_text()))

    def _serving(self, t0):
        """True once the console has the firmware's 'serving on' line
        (the time it came is kept in serving_ms): only then is the device
        asked for its first answer."""
        if self.serving_ms is None and SERVING_RX.search(self.console_text()):
            self.serving_ms = (time.monotonic() - t0) * 1000.0
        return self.serving_ms is not None

    def _read_console(self):
        for line in iter(self.proc.stdout.readline, b""):
            self.console.append(line.decode("utf-8", "replace"))

    def _read_stderr(self):
        for line in iter(self.proc.stderr.readline, b""):
            self.qemu_err.append(line.decode("utf-8", "replace"))

    def console_text(self):
        return "".join(self.console)

    def wait_console(self, pattern, timeout=10):
        deadline = time.monotonic() + timeout
        rx = re.compile(pattern)
        while time.monotonic() < deadline:
            m = rx.search(self.console_text())
            if m:
                return m
            time.sleep(0.05)
        raise AssertionError("console never matched %r:\n%s" % (pattern, self.console_text()))

    def qemu_pid(self):
        try:
            with open(self.pidfile) as f:
                pid = int(f.read().strip())
        except (OSError, ValueError):
            return None
        try:
            with open("/proc/%d/comm" % pid) as f:
                if f.read().strip() != "qemu-system-arm":
                    return None
        except OSError:
            return None
        return pid

    def stop(self):
        pid = self.qemu_pid()
        if pid:
            os.kill(pid, signal.SIGTERM)
        if self.proc:
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                if pid:
                    os.kill(pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
            for pipe in (self.proc.stdout, self.proc.stderr):
                if pipe:
                    pipe.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # -- clients -----------------------------------------------------------
    def request(self, method, path, body=None, headers=None, timeout=10):
        c = http.client.HTTPConnection(self.host, self.http_port, timeout=timeout)
        try:
            c.request(method, path, body=body, headers=headers or {})
            r = c.getresponse()
            data = r.read()
            return r.status, dict((k.lower(), v) for k, v in r.getheaders()), data
        finally:
            c.close()

    def curl(self, *args):
        """Run curl against the device; returns (status, headers_text, body)."""
        hdr = os.path.join(self.tmp, "curl-headers")
        out = subprocess.run(["curl", "-sS", "--max-time", "10", "-D", hdr, "-o", "-"] +
                             [a.replace("URL", "http://%s:%d" % (self.host, self.http_port)) for a in args],
                             capture_output=True, check=True)
        with open(hdr, encoding="latin-1") as f:
            text = f.read()
        status = int(text.split("\r\n", 1)[0].split()[1])
        return status, text, out.stdout

    def raw(self, data, timeout=5, shut=False):
        """Send raw bytes, return everything the device sends until it closes."""
        s = socket.create_connection((self.host, self.http_port), timeout=timeout)
        try:
            s.sendall(data)
            if shut:
                s.shutdown(socket.SHUT_WR)
            chunks = []
            while True:
                try:
                    b = s.recv(65536)
                except socket.timeout:
                    break
                if not b:
                    break
                chunks.append(b)
            return b"".join(chunks)
        finally:
            s.close()


SANITIZER_RX = re.compile(r"ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: \w+Sanitizer")


class HostDevice(Device):
    """lwpaste-host (the host board) in a network namespace: this process
    runs inside the namespace boards/host/run-netns made, beside it, and
    talks to LWPASTE_HOST_ADDR:LWPASTE_HOST_PORT (10.0.2.15:80). Console =
    its stdout and stderr, in LWPASTE_HOST_LOG. stop() does not stop it
    (run-netns does) but fails on a sanitizer report in the log or on a
    process that died on its own."""

    def __init__(self):
        self.board = "host"
        self.image = os.environ.get("LWPASTE_HOST_EXE", "lwpaste-host")
        self.host = os.environ.get("LWPASTE_HOST_ADDR", "10.0.2.15")
        self.http_port = int(os.environ.get("LWPASTE_HOST_PORT", "80"))
        self.https_port = None
        self.log = os.environ["LWPASTE_HOST_LOG"]
        self.pid = int(os.environ["LWPASTE_HOST_PID"])
        self.tmp = tempfile.mkdtemp(prefix="lwpaste-it-")
        self.proc = None
        self.boot_ms = None
        self.serving_ms = None

    def alive(self):
        try:
            with open("/proc/%d/comm" % self.pid) as f:
                return f.read().strip() == "lwpaste-host"
        except OSError:
            return False

    def start(self, timeout=30):
        t0 = time.monotonic()
        while time.monotonic() < t0 + timeout:
            if not self.alive():
                raise RuntimeError("lwpaste-host exited:\n%s" % self.console_text())
            if not self._serving(t0):
                time.sleep(0.01)
                continue
            try:
                c = http.client.HTTPConnection(self.host, self.http_port, timeout=2)
                c.request("GET", "/")
                c.getresponse().read()
                c.close()
                self.boot_ms = (time.monotonic() - t0) * 1000.0
                return self
            except (OSError, http.client.HTTPException):
                time.sleep(0.02)
        raise RuntimeError("lwpaste-host did not answer within %ds:\n%s" % (timeout, self.console_text()))

    def console_text(self):
        with open(self.log, encoding="utf-8", errors="replace") as f:
            return f.read()

    def stop(self):
        text = self.console_text()
        m = SANITIZER_RX.search(text)
        if m:
            raise AssertionError("sanitizer report from lwpaste-host:\n%s" % text[max(0, m.start() - 200):])
        if not self.alive():
            raise AssertionError("lwpaste-host died:\n%s" % text[-4000:])


def run_in_netns():
    """Not inside run-netns yet: re-run this test under it, with
    LWPASTE_HOST_EXE and LWPASTE_HOST_CONFIG (default: the test's ini)."""
    import sys
    script = os.path.abspath(sys.argv[0])
    cmd = [os.path.join(ROOT, "boards", "host", "run-netns")]
    if os.environ.get("LWPASTE_HOST_EXE"):
        cmd += ["--exe", os.environ["LWPASTE_HOST_EXE"]]
    ini = os.environ.get("LWPASTE_HOST_CONFIG")
    if ini:
        cmd += ["--config", ini]
    os.execv(cmd[0], cmd + ["--", sys.executable, "-u", script] + sys.argv[1:])


def make_device():
    """The device under test, from the environment ctest sets:
    LWPASTE_IMAGE and LWPASTE_BOARD (a QEMU board), or LWPASTE_TARGET=host
    for lwpaste-host inside boards/host/run-netns (which sets
    LWPASTE_HOST_*; outside it, the test re-runs itself under it)."""
    if os.environ.get("LWPASTE_TARGET") == "host":
        if "LWPASTE_HOST_LOG" not in os.environ:
            run_in_netns()
        return HostDevice()
    return Device(os.environ["LWPASTE_IMAGE"], os.environ.get("LWPASTE_BOARD", "mps2-an385"))
