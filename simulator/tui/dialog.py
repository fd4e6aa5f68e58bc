"""The base of every dialog over the learner's screen."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import ModalScreen


class Dialog(ModalScreen):
    """A modal screen hides the app's keys; F1 stays, showing help for the screen beneath."""

    BINDINGS = [Binding("f1", "app.help", "Help")]
