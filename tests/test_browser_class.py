"""A class in a real browser: Debian's chromium driven by Playwright against `cmecf-sim serve`.

Three trainees join by name in their own tabs, one takes a step, and the trainer's dashboard at
/trainer shows it. The page draws its terminal on a canvas, so what a tab shows is rebuilt from
the bytes its WebSocket received, with a terminal emulator (pyte), exactly as the page got them."""

from __future__ import annotations

import json
import subprocess
import time
from urllib.parse import parse_qs, urlsplit

import pyte
import pytest
from playwright.sync_api import Page, sync_playwright

from simulator.classroom import store

from test_classroom_server import free_port, start_server, wait_for_port

CHROMIUM = "/usr/bin/chromium"
PASSCODE = "chalk-and-board"


class TerminalTap:
    """What one tab's terminal shows: its socket's output fed to a terminal emulator of its size."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)
        page.on("websocket", self._opened)

    def _opened(self, socket) -> None:
        query = parse_qs(urlsplit(socket.url).query)
        self.screen.resize(int(query["height"][0]), int(query["width"][0]))
        socket.on("framesent", self._sent)
        socket.on("framereceived", self._received)

    def _sent(self, payload) -> None:
        if isinstance(payload, str) and payload.startswith('["resize"'):
            size = json.loads(payload)[1]
            self.screen.resize(size["height"], size["width"])

    def _received(self, payload) -> None:
        if isinstance(payload, bytes):
            self.stream.feed(payload)

    @property
    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def line_with(self, words: str) -> str:
        return next((line for line in self.screen.display if words in line), "")

    def wait_for(self, words: str, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while words not in self.text:
            if time.monotonic() > deadline:
                raise AssertionError(f"the tab never showed {words!r}; it shows:\n{self.text}")
            self.page.wait_for_timeout(100)

    def type_line(self, text: str) -> None:
        self.page.locator("#terminal").click()
        self.page.keyboard.type(text)
        self.page.keyboard.press("Enter")


@pytest.fixture
def served_class(tmp_path, monkeypatch):
    monkeypatch.setenv("CMECF_SIM_HOME", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    yield from start_server(tmp_path, "--class", "Browser class", "--exercise", "cod_link_on_go_live",
                            "--trainer-passcode", PASSCODE)


def steps_of(name: str) -> list[str]:
    engine = store.open_store()
    trainee = next(t for t in store.class_status(engine, "Browser class").trainees if t.name == name)
    return [step.action for step in store.trainee_steps(engine, "Browser class", trainee.id)]


@pytest.mark.timeout(300)
def test_three_trainees_join_one_steps_and_the_dashboard_shows_it(served_class):
    base = f"http://127.0.0.1:{served_class}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        tabs = {}
        for name in ("Ana Ruiz", "Ben Okafor", "Chen Wu"):
            page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
            tap = TerminalTap(page)
            page.goto(base + "/")
            tap.wait_for("Type your name")
            tap.type_line(name)
            tap.wait_for("Start")  # the exercise's briefing
            tabs[name] = tap
        assert [t.name for t in store.class_status(store.open_store(), "Browser class").trainees] == \
            ["Ana Ruiz", "Ben Okafor", "Chen Wu"]

        trainer = TerminalTap(browser.new_context(viewport={"width": 1400, "height": 800}).new_page())
        trainer.page.goto(base + "/trainer")
        trainer.wait_for("Type the trainer passcode")
        trainer.type_line(PASSCODE)
        trainer.wait_for("Chen Wu")
        assert "3 trainees" in trainer.text

        ana = tabs["Ana Ruiz"]
        ana.page.keyboard.press("Enter")  # starts the exercise
        ana.page.wait_for_timeout(500)
        ana.page.keyboard.press("F5")  # the clock one hour on: a step the class record keeps
        ana.wait_for("The time is now")
        assert "advance_clock" in steps_of("Ana Ruiz")

        before = trainer.line_with("Ana Ruiz")
        deadline = time.monotonic() + 30
        while trainer.line_with("Ana Ruiz") == before and time.monotonic() < deadline:
            trainer.page.wait_for_timeout(100)  # the dashboard reads the record about once a second
        assert trainer.line_with("Ana Ruiz") != before

        trainer.page.keyboard.press("Enter")  # Ana's row (the first): her steps
        trainer.wait_for("every step, newest last")
        trainer.wait_for("advance_clock")
        browser.close()


NGINX_CONF = """
daemon off;
pid {home}/nginx.pid;
error_log stderr warn;
events {{}}
http {{
    access_log off;
    client_body_temp_path {home}/body;
    proxy_temp_path {home}/proxy;
    fastcgi_temp_path {home}/fastcgi;
    uwsgi_temp_path {home}/uwsgi;
    scgi_temp_path {home}/scgi;
    server {{
        listen 127.0.0.1:{tls_port} ssl;
        ssl_certificate {home}/class.crt;
        ssl_certificate_key {home}/class.key;
        location / {{
            proxy_pass http://127.0.0.1:{port};
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection "upgrade";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-Host $host:$server_port;
            proxy_set_header X-Forwarded-Proto https;
        }}
    }}
}}
"""


@pytest.fixture
def behind_tls_proxy(served_class, tmp_path):
    """The class behind nginx terminating TLS, as a court's IT would put it on its network."""
    proxy = tmp_path / "proxy"
    proxy.mkdir()
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-keyout", proxy / "class.key", "-out", proxy / "class.crt"], check=True, capture_output=True)
    tls_port = free_port()
    (proxy / "nginx.conf").write_text(NGINX_CONF.format(home=proxy, tls_port=tls_port, port=served_class))
    nginx = subprocess.Popen(["/usr/sbin/nginx", "-p", str(proxy), "-c", str(proxy / "nginx.conf")],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    wait_for_port(tls_port, 20)
    yield f"https://127.0.0.1:{tls_port}"
    nginx.terminate()
    nginx.wait(timeout=10)


@pytest.mark.timeout(300)
def test_a_trainee_joins_through_a_tls_reverse_proxy(behind_tls_proxy):
    """No --public-url: the page's script and socket are addressed from where the browser reached
    it, so they go through the proxy (https and wss), and the Origin check accepts the proxy's host."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_context(ignore_https_errors=True).new_page()
        sockets = []
        page.on("websocket", lambda socket_: sockets.append(socket_.url))
        tap = TerminalTap(page)
        page.goto(behind_tls_proxy + "/")
        tap.wait_for("Type your name")
        tap.type_line("Dana Lee")
        tap.wait_for("Start")
        browser.close()
    assert sockets and sockets[0].startswith(behind_tls_proxy.replace("https:", "wss:") + "/ws")
    assert [t.name for t in store.class_status(store.open_store(), "Browser class").trainees] == ["Dana Lee"]
