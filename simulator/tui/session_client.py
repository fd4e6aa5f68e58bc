"""A browser tab's process when `serve --class` forks sessions (see forker.py): it hands its stdin,
stdout and stderr and its environment to the forker, and lasts as long as the session it got.

Run as `python -I -S session_client.py SOCKET -- COMMAND...`: no site, no third-party imports, so
it starts in milliseconds. Without a forker at SOCKET it becomes COMMAND, the session started the
slow way."""

import json
import os
import signal
import socket
import sys


def main() -> None:
    path, separator, *slow_way = sys.argv[1:]
    assert separator == "--", "usage: session_client.py SOCKET -- COMMAND..."
    forker = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        forker.connect(path)
        socket.send_fds(forker, [json.dumps(dict(os.environ)).encode()], [0, 1, 2])
        session = int(forker.makefile("rb").readline())
    except (OSError, ValueError):
        forker.close()
        os.execv(slow_way[0], slow_way)
    for number in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(number, lambda received, _frame: os.kill(session, received))
    while forker.recv(4096):  # the session keeps this connection open until it ends
        pass


if __name__ == "__main__":
    main()
