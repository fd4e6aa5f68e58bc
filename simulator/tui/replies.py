"""How what the core did travels back to the widget that asked: a typed message, handled with `@on`.

A widget asks `app.act(work, reply)` (an action, landed on the learner's screen first) or
`app.ask(read, reply)` (a read: a list, a preview, a page's check); `reply` is an instance of a
`Reply` subclass, one per follow-up, carrying what the follow-up needs. When the core has done the
work, the app fills the reply in, posts it to `reply.asker` and waits until it has been handled
before it lands the next result, so follow-ups keep the order of the key presses that asked for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from textual.message_pump import MessagePump
    from textual.screen import Screen

    from ..core.errors import SimError
    from ..core.views import Outcome


class Reply(Message, bubble=False):
    """`screen`: where the learner landed (an action); `outcome` and `error`: the action's; `result`:
    what a read returned, or the refusal (a SimError) it met."""

    def __init__(self, asker: MessagePump) -> None:
        super().__init__()
        self.asker = asker
        self.screen: Screen | None = None
        self.outcome: Outcome | None = None
        self.error: SimError | None = None
        self.result: Any = None

    @property
    def landed_on_asker(self) -> bool:
        """The action succeeded and the learner is on the screen that asked (or holds the widget that did)."""
        if self.outcome is None or self.screen is None:
            return False
        return self.screen is self.asker or getattr(self.asker, "screen", None) is self.screen
