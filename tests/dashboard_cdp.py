#!/usr/bin/env python3
"""dashboard_cdp.py BROWSER PROFILE LINK HTML SHOT PHONE — log in to the
owner dashboard the way a person does, in a real headless Chromium driven
over the DevTools protocol (standard library only): open the one-time LINK,
press its "Sign in" button (the page's own form: a same-origin POST), follow
the page's hop to "/", wait until the script has drawn the roster and a
chart, then write the page's DOM to HTML and screenshots at 1200 px (SHOT)
and 390 px (PHONE). Exits 1 with the reason when a step does not happen."""
import base64
import json
import os
import socket
import struct
import subprocess
import sys
import time
import urllib.request

WAIT = 30  # seconds a step may take on a loaded machine


class Ws:
    """A WebSocket client for one DevTools target: text frames only."""

    def __init__(self, url):
        host_port, path = url[len("ws://"):].split("/", 1)
        host, port = host_port.split(":")
        self.s = socket.create_connection((host, int(port)), timeout=WAIT)
        key = base64.b64encode(os.urandom(16)).decode()
        self.s.sendall((f"GET /{path} HTTP/1.1\r\nHost: {host_port}\r\nUpgrade: websocket\r\n"
                        f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                        "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.s.recv(1)
            if not chunk:
                raise OSError("DevTools closed the connection")
            head += chunk
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise OSError(f"no WebSocket: {head!r}")
        self.next_id = 0

    def _read(self, n):
        out = b""
        while len(out) < n:
            chunk = self.s.recv(n - len(out))
            if not chunk:
                raise OSError("DevTools closed the connection")
            out += chunk
        return out

    def _frame(self):
        b0, b1 = self._read(2)
        n = b1 & 0x7F
        if n == 126:
            n = struct.unpack(">H", self._read(2))[0]
        elif n == 127:
            n = struct.unpack(">Q", self._read(8))[0]
        return b0 & 0x80, b0 & 0x0F, self._read(n)

    def message(self):
        data = b""
        while True:
            fin, _, payload = self._frame()
            data += payload
            if fin:
                return json.loads(data)

    def call(self, method, **params):
        self.next_id += 1
        body = json.dumps({"id": self.next_id, "method": method, "params": params}).encode()
        mask = os.urandom(4)
        n = len(body)
        head = bytes([0x81]) + (bytes([0x80 | n]) if n < 126 else
                                bytes([0x80 | 126]) + struct.pack(">H", n) if n < 65536 else
                                bytes([0x80 | 127]) + struct.pack(">Q", n))
        self.s.sendall(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(body)))
        while True:
            m = self.message()
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise OSError(f"{method}: {m['error']}")
                return m.get("result", {})

    def js(self, expr):
        r = self.call("Runtime.evaluate", expression=expr, returnByValue=True)
        return r.get("result", {}).get("value")

    def until(self, expr, what):
        end = time.monotonic() + WAIT
        while time.monotonic() < end:
            if self.js(expr):
                return
            time.sleep(0.2)
        raise OSError(f"{what} did not happen; the page: {self.js('document.documentElement.outerHTML')}")


def shoot(ws, width, height, mobile, name):
    ws.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1,
            mobile=mobile)
    time.sleep(0.5)  # a frame at the new size before the picture
    shot = ws.call("Page.captureScreenshot", format="png")
    with open(name, "wb") as f:
        f.write(base64.b64decode(shot["data"]))


def main(argv):
    browser, profile, link, html, shot, phone = argv[1:7]
    port_file = os.path.join(profile, "DevToolsActivePort")
    proc = subprocess.Popen([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                             f"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        end = time.monotonic() + WAIT
        while not os.path.exists(port_file) or len(open(port_file).read().split()) < 2:
            if time.monotonic() > end or proc.poll() is not None:
                raise OSError("chromium did not open its DevTools port")
            time.sleep(0.1)
        port = open(port_file).read().split()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=WAIT) as r:
            pages = [t for t in json.load(r) if t.get("type") == "page"]
        ws = Ws(pages[0]["webSocketDebuggerUrl"])
        ws.call("Page.enable")
        ws.call("Page.navigate", url=link)
        ws.until("document.readyState === 'complete' && !!document.querySelector('form button')",
                 "the login page with its button")
        ws.js("document.querySelector('form button').click(); true")
        ws.until("location.pathname === '/' && document.body.innerText.includes('Ivan Petrov') && "
                 "!!document.querySelector('svg rect')", "the dashboard with the roster and a chart")
        with open(html, "w", encoding="utf-8") as f:
            f.write(ws.js("document.documentElement.outerHTML"))
        shoot(ws, 1200, 1400, False, shot)
        shoot(ws, 390, 1600, True, phone)
        try:
            ws.call("Browser.close")
        except OSError:
            pass
    except OSError as e:
        print(f"dashboard_cdp: {e}", file=sys.stderr)
        return 1
    finally:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
