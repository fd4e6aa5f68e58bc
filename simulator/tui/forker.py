"""Trainee sessions forked from a warm process, so a class arriving at once does not wait for thirty
Python interpreters to import Textual and SQLAlchemy on a two-core machine.

`serve --class` starts one forker. It imports everything a trainee's session needs, freezes its
objects for the garbage collector (so children share its pages instead of copying them), and
listens on a Unix socket in a private directory. Each browser tab's process is then a tiny client
(`session_client.py`, Python without site: milliseconds) that hands its stdin, stdout and stderr to
the forker with its environment; the forker forks a child that becomes that tab's session, exactly
the `class session NAME` command it would have run. The child keeps the client's connection open:
it closes when the session ends, and the client, which is what textual-serve waits for, ends too.

The forker dies with `serve` (its stdin is a pipe from serve: end of file there is the signal). If
it is gone, a client starts the session the slow way, so a tab never fails for want of it.
"""

from __future__ import annotations

import gc
import json
import os
import selectors
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# textual-serve's environment for every session; Textual reads these when it is imported, which in
# a forked session has already happened here
WEB_ENVIRONMENT = {"TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver", "TEXTUAL_FPS": "60",
                   "TEXTUAL_COLOR_SYSTEM": "truecolor", "TERM_PROGRAM": "textual"}
PRELOADED = ("simulator.cli", "simulator.tui.launch", "simulator.tui.classroom", "simulator.tui.play",
             "simulator.tui.screens", "simulator.classroom.store", "textual.drivers.web_driver",
             "sqlalchemy.dialects.sqlite", "sqlalchemy.dialects.postgresql")
CLIENT = Path(__file__).with_name("session_client.py")
READY_SECONDS = 60
RUNNING: list[subprocess.Popen] = []  # kept, so each forker's stdin stays open as long as serve runs


def start(class_name: str, exercise: str | None) -> str:
    """Start the class's forker (`exercise`: the class's, read once there); the command each tab runs."""
    directory = tempfile.mkdtemp(prefix="cmecf-sim-class-")  # 0700: only this user reaches the socket
    path = os.path.join(directory, "sessions")
    arguments = [path, class_name, *([exercise] if exercise else [])]
    forker = subprocess.Popen([sys.executable, "-m", "simulator.tui.forker", *arguments], stdin=subprocess.PIPE)
    deadline = time.monotonic() + READY_SECONDS
    while not os.path.exists(path) and forker.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    RUNNING.append(forker)
    slow_way = [sys.executable, "-m", "simulator", "class", "session", class_name]
    return shlex.join([sys.executable, "-I", "-S", str(CLIENT), path, "--", *slow_way])


def serve_forever(path: str, class_name: str, exercise: str | None = None) -> None:
    os.environ.update(WEB_ENVIRONMENT)
    import importlib

    for module in PRELOADED:
        importlib.import_module(module)
    if exercise:
        from .launch import PRELOADED_EXERCISES
        from ..scenario.runner import load_exercise

        PRELOADED_EXERCISES[exercise] = load_exercise(exercise)
    gc.collect()
    gc.freeze()  # what is here now stays shared with every child, never copied by a collection
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path + ".new")
    os.rename(path + ".new", path)  # the socket appears only when it listens
    listener.listen(128)
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ)
    selector.register(sys.stdin, selectors.EVENT_READ)
    try:
        while True:
            for key, _ in selector.select():
                if key.fileobj is sys.stdin:
                    if not os.read(sys.stdin.fileno(), 1024):
                        return  # serve has ended
                    continue
                connection, _ = listener.accept()
                _fork_session(connection, listener, class_name)
    finally:
        os.unlink(path)


def _fork_session(connection: socket.socket, listener: socket.socket, class_name: str) -> None:
    try:
        message, fds, _, _ = socket.recv_fds(connection, 1 << 20, 3)
        environment = json.loads(message)
    except (OSError, ValueError):
        connection.close()
        return
    pid = os.fork()
    if pid == 0:
        listener.close()
        _become_session(fds, environment, class_name)
    for fd in fds:
        os.close(fd)
    try:
        connection.sendall(f"{pid}\n".encode())
    except OSError:
        pass
    connection.close()


def _become_session(fds: list[int], environment: dict, class_name: str) -> None:
    """In the child: the tab's stdin, stdout and stderr, its environment, then the session itself."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    for target, fd in zip((0, 1, 2), fds):
        os.dup2(fd, target)
        os.close(fd)
    os.environ.clear()
    os.environ.update(environment)
    code = 0
    try:
        from ..cli import main

        main(["class", "session", class_name], prog_name="cmecf-sim")
    except SystemExit as leaving:
        code = leaving.code if isinstance(leaving.code, int) else (0 if leaving.code is None else 1)
    except BaseException:  # noqa: BLE001 - said on the tab's stderr, as the slow way would
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    serve_forever(*sys.argv[1:4])
