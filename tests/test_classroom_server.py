"""The classroom server as a browser meets it: the WebSocket refuses a page from another site, a
taken port is one line and exit 1."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import time

import aiohttp
import pytest

from simulator.tui.serve import origin_allowed


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


@pytest.fixture
def server(tmp_path):
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "simulator", "serve", "--class", "Origin test", "--port", str(port),
                                "--max-trainees", "1"],
                               env={"CMECF_SIM_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    yield port
    process.terminate()
    process.wait(timeout=10)


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
