"""A person in a real terminal (tmux, 100x30) goes from the court list to a linked NextGen account and
a filed motion by keyboard alone (issue 2's acceptance test). Keys are sent one at a time, as typed."""

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Terminal:
    def __init__(self, command: str, env: dict[str, str]) -> None:
        assert shutil.which("tmux"), "tmux is needed for this test: .ci/run installs it (apt-get install tmux)"
        self.name = f"cmecf-{uuid.uuid4().hex[:8]}"
        exports = " ".join(f"{key}={value}" for key, value in env.items())
        # A detached session's size can follow the server's defaults: pin the window to 100x30 first,
        # then start the app in it, so it never starts at another size.
        subprocess.run(["tmux", "new-session", "-d", "-s", self.name, "-x", "100", "-y", "30", "sleep 600"], check=True)
        subprocess.run(["tmux", "set-option", "-t", self.name, "window-size", "manual"], check=True)
        subprocess.run(["tmux", "resize-window", "-t", self.name, "-x", "100", "-y", "30"], check=True)
        # -u COLUMNS/LINES: pytest may export them, and Textual would believe them over the terminal.
        subprocess.run(["tmux", "respawn-pane", "-k", "-t", self.name,
                        f"env -u COLUMNS -u LINES {exports} TERM=xterm-256color {command}"],
                       check=True)

    def size(self) -> str:
        return subprocess.run(["tmux", "display-message", "-t", self.name, "-p", "#{window_width}x#{window_height}"],
                              capture_output=True, text=True).stdout.strip()

    def screen(self) -> str:
        return subprocess.run(["tmux", "capture-pane", "-t", self.name, "-p"], capture_output=True, text=True).stdout

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"never saw {text!r}; the screen was:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        for key in keys:
            subprocess.run(["tmux", "send-keys", "-t", self.name, key], check=True)
            time.sleep(0.12)

    def type(self, text: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, "-l", text], check=True)
        time.sleep(0.2)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def test_keyboard_only_from_court_list_to_a_filed_motion(tmp_path):
    env = {"CMECF_SIM_HOME": str(tmp_path), "CMECF_SIM_HASH_PROFILE": "fast", "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "simulator", "reset", "--at", "2021-07-06T09:00:00-07:00"],
                   cwd=ROOT, env={**os.environ, **env}, check=True, capture_output=True)
    term = Terminal(f"{sys.executable} -m simulator", env)
    try:
        term.wait_for("Federal courts: CM/ECF and PACER")
        assert term.size() == "100x30"
        term.type("caed")  # the search has focus: one court is left
        term.wait_for("1 of 208 courts")
        term.keys("Enter")
        term.wait_for("Eastern District of California (caed)")
        term.keys("Enter")  # Document Filing System: NextGen sends us to PACER
        term.wait_for("Sign in to continue to Eastern District of California CM/ECF")
        term.type("amywrig16")
        term.keys("Tab")
        term.type("Practice#Upgraded2016")
        term.keys("Tab", "Tab", "Space", "Tab", "Enter")  # skip the client code, tick the redaction notice, Login
        shown = term.wait_for("Signed in to PACER as amywrig16")
        assert "Civil (unavailable)" in shown
        term.keys("Right", "Right", "Right", "Right", "Enter")  # the menu bar: Utilities
        term.wait_for("Link a CM/ECF account to my PACER account")
        term.keys("Enter")
        term.wait_for("Enter the CM/ECF login and password")
        term.type("awright")
        term.keys("Tab")
        term.type("Court!Login2")
        term.keys("Enter")
        term.wait_for("Linking cannot be undone")
        term.keys("Enter")
        shown = term.wait_for("is now linked to your PACER account 'amywrig16'")
        assert "Civil (unavailable)" not in shown
        term.keys("Enter")  # Civil, now available
        term.wait_for("Civil: choose the event")
        term.type("motion")
        term.keys("Enter")
        term.wait_for("Civil: case number")
        term.type("21-310")
        term.keys("Enter")
        term.wait_for("Civil: select the filer")
        term.keys("Enter")
        term.wait_for("Civil: PDF documents")
        term.type("sample:motion.pdf")
        term.keys("Enter")
        term.wait_for("Civil: docket text")
        term.type("to Compel Discovery")
        term.keys("Enter")
        term.wait_for("Pressing Submit files this document")
        term.keys("Enter")
        shown = term.wait_for("Notice of Electronic Filing")
        assert "Filed: document 1 in 2:21-cv-00310-KJM" in shown
        assert "MOTION to Compel Discovery filed by Wright. (Wright, Amy)" in shown
    finally:
        term.close()
