"""The classroom server as a browser meets it: the WebSocket refuses a page from another site, a
taken port is one line and exit 1."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

import aiohttp
import pyte
import pytest

from simulator.tui.serve import origin_allowed

from databases import postgres_database


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("origin, host, forwarded, allowed", [
    ("http://127.0.0.1:8000", "127.0.0.1:8000", None, True),
    ("http://evil.example.com", "127.0.0.1:8000", None, False),
    ("https://class.example.org", "127.0.0.1:8000", "class.example.org", True),
    ("https://class.example.org", "127.0.0.1:8000", None, True),  # the public URL below
    ("https://class.example.org.evil.com", "127.0.0.1:8000", None, False),
    (None, "127.0.0.1:8000", None, True),
])
def test_the_websocket_origin_must_be_the_server_as_the_browser_reached_it(origin, host, forwarded, allowed):
    assert origin_allowed(origin, host, forwarded, "https://class.example.org") is allowed


def wait_for_port(port: int, seconds: float = 30) -> None:
    """Until something listens on the port (a server just started), or `seconds` have passed."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            time.sleep(0.1)


def start_server(home, *options: str, database_url: str | None = None):
    """`cmecf-sim serve` in its own process, as a trainer starts it; yields its port once it answers."""
    port = free_port()
    env = {"CMECF_SIM_HOME": str(home), "PATH": "/usr/bin:/bin", **({"DATABASE_URL": database_url} if database_url else {})}
    process = subprocess.Popen([sys.executable, "-m", "simulator", "serve", "--port", str(port), *options], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    wait_for_port(port)
    try:
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def server(tmp_path):
    yield from start_server(tmp_path, "--class", "Origin test", "--max-trainees", "1")


@pytest.fixture
def class_with_trainer(tmp_path):
    yield from start_server(tmp_path, "--class", "Denver", "--trainer-passcode", "chalk-and-board")


async def page(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session:
        async with session.get(url) as response:
            return response.status, await response.text()


async def test_the_page_addresses_its_script_and_socket_from_where_the_browser_reached_it(server):
    status, html = await page(f"http://127.0.0.1:{server}/")
    assert status == 200
    assert 'src="/static/js/textual.js"' in html and 'data-session-websocket-url="/ws"' in html
    assert "127.0.0.1" not in html  # nothing pinned to the address the server bound


async def test_a_public_url_under_a_path_addresses_the_page_from_it(tmp_path):
    for port in start_server(tmp_path, "--public-url", "https://class.example.org/denver/"):
        status, html = await page(f"http://127.0.0.1:{port}/")
        assert 'src="https://class.example.org/denver/static/js/textual.js"' in html
        assert 'data-session-websocket-url="wss://class.example.org/denver/ws"' in html


async def test_the_trainers_page_opens_the_dashboard_behind_the_passcode(class_with_trainer):
    port = class_with_trainer
    status, html = await page(f"http://127.0.0.1:{port}/trainer")
    assert status == 200 and 'data-session-websocket-url="/trainer/ws"' in html
    screen = ""
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(f"ws://127.0.0.1:{port}/trainer/ws?width=100&height=30",
                                      headers={"Origin": f"http://127.0.0.1:{port}"}) as socket_:
            async with asyncio.timeout(60):
                while "Type the trainer passcode" not in screen:
                    message = await socket_.receive()
                    if message.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT):
                        data = message.data if isinstance(message.data, bytes) else message.data.encode()
                        screen += data.decode("utf-8", "replace").replace("\x1b[", " ")
                    elif message.type != aiohttp.WSMsgType.PING:
                        break
    assert "Trainer's dashboard: Denver" in screen


async def test_without_a_passcode_there_is_no_trainers_page(server):
    status, html = await page(f"http://127.0.0.1:{server}/trainer")
    assert status == 404 and "--trainer-passcode" in html


async def handshake_status(port: int, origin: str) -> int:
    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(f"ws://127.0.0.1:{port}/ws", headers={"Origin": origin}) as socket_:
                await socket_.close()
                return 101
        except aiohttp.WSServerHandshakeError as refusal:
            return refusal.status


async def test_a_page_from_another_site_cannot_open_a_session(server):
    assert await handshake_status(server, "http://evil.example.com") == 403
    assert await handshake_status(server, f"http://127.0.0.1:{server}") == 101


async def test_one_trainee_more_than_the_cap_is_told_the_class_is_full(server):
    own = {"Origin": f"http://127.0.0.1:{server}"}
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(f"ws://127.0.0.1:{server}/ws", headers=own):
            async with session.get(f"http://127.0.0.1:{server}/") as page:
                assert page.status == 503 and "This class is full" in await page.text()
            assert await handshake_status(server, own["Origin"]) == 503
        for _ in range(50):  # the place is given back when the session's socket closes
            async with session.get(f"http://127.0.0.1:{server}/") as page:
                if page.status == 200:
                    break
            await asyncio.sleep(0.1)
        assert page.status == 200


def test_a_port_in_use_is_one_line_and_exit_1(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "simulator", "serve", "--port", str(port)],
                                capture_output=True, text=True, timeout=60, env={"CMECF_SIM_HOME": str(tmp_path)})
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: Cannot serve on 127.0.0.1:{port} (Address already in use): choose another port with --port, "
        "or stop what is using it."]


class Terminal:
    """A session's screen as a browser tab would draw it: the socket's bytes fed to pyte."""

    def __init__(self, socket_) -> None:
        self.socket = socket_
        self.screen = pyte.Screen(110, 32)
        self.stream = pyte.ByteStream(self.screen)

    @property
    def text(self) -> str:
        return "\n".join(self.screen.display)

    async def wait_for(self, words: str, seconds: float = 60) -> None:
        async with asyncio.timeout(seconds):
            while words not in self.text:
                message = await self.socket.receive()
                if message.type == aiohttp.WSMsgType.BINARY:
                    self.stream.feed(message.data)
                elif message.type != aiohttp.WSMsgType.TEXT:
                    raise AssertionError(f"the session ended before it showed {words!r}:\n{self.text}")

    async def keys(self, text: str) -> None:
        await self.socket.send_str(f'["stdin", {json.dumps(text)}]')


@asynccontextmanager
async def terminal(port: int, path: str = "/ws"):
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(f"ws://127.0.0.1:{port}{path}?width=110&height=32", max_msg_size=0,
                                      headers={"Origin": f"http://127.0.0.1:{port}"}) as socket_:
            yield Terminal(socket_)


F5 = "\x1b[15~"


async def test_two_servers_on_one_postgresql_are_one_class(tmp_path):
    """Two `serve` processes behind one proxy share the class: a trainee who joined on one is on the
    other's dashboard, and coming back through the other finds their world where they left it."""
    options = ("--class", "Denver", "--exercise", "cod_link_on_go_live", "--trainer-passcode", "chalk-and-board")
    with postgres_database() as url, contextmanager(start_server)(tmp_path / "a", *options, database_url=url) as a, \
            contextmanager(start_server)(tmp_path / "b", *options, database_url=url) as b:
        async with terminal(a) as ana:
            await ana.wait_for("Type your name")
            await ana.keys("Ana Ruiz\r")
            await ana.wait_for("Start")
            await ana.keys("\r")  # the briefing read: the exercise begins
            await asyncio.sleep(0.5)
            await ana.keys(F5)  # one hour on
            await ana.wait_for("The time is now")
            clock_line = ana.screen.display[0].strip()  # the simulated time, an hour on
        async with terminal(b, "/trainer/ws") as trainer:
            await trainer.wait_for("Type the trainer passcode")
            await trainer.keys("chalk-and-board\r")
            await trainer.wait_for("Ana Ruiz")
            assert "1 trainee" in trainer.text
        async with terminal(b) as again:
            await again.wait_for("Type your name")
            await again.keys("Ana Ruiz\r")
            await again.wait_for("Welcome back")
            assert "where you" in again.text and again.screen.display[0].strip() == clock_line


def forker_processes(class_name: str) -> list[tuple[int, int]]:
    """(pid, parent pid) of the class's forker and the sessions forked from it (they share its command line)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0") if entry.name.isdigit() else []
            if b"simulator.tui.forker" in command and class_name.encode() in command:
                found.append((int(entry.name), int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])))
        except OSError:
            continue
    return found


async def wait_until(condition, seconds: float = 30) -> None:
    async with asyncio.timeout(seconds):
        while not condition():
            await asyncio.sleep(0.1)


async def test_a_class_session_is_forked_from_a_warm_process_and_ends_with_its_tab(tmp_path):
    name = f"Forked {tmp_path.name}"  # this test's forker, whatever else runs beside it
    for port in start_server(tmp_path, "--class", name, "--exercise", "cod_link_on_go_live"):
        [(forker, _)] = forker_processes(name)
        async with terminal(port) as tab:
            await tab.wait_for("Type your name")
            await tab.keys("Ana Ruiz\r")
            await tab.wait_for("Start")
            sessions = [pid for pid, parent in forker_processes(name) if parent == forker]
            assert len(sessions) == 1
        await wait_until(lambda: not [pid for pid, parent in forker_processes(name) if parent == forker])

        os.kill(forker, signal.SIGKILL)  # without its forker a tab still gets its session, the slow way
        await wait_until(lambda: not forker_processes(name))
        async with terminal(port) as tab:
            await tab.wait_for("Type your name")
