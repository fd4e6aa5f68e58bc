"""The filing wizard (R23): menu > event > case > filer > documents > docket text > final text > Submit."""

from __future__ import annotations

from typing import Any, Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.suggester import SuggestFromList
from textual.widgets.option_list import Option

from ....core import access, cases, catalog, filing, signon
from ....core.context import Ctx
from ....core.errors import SimError
from ....core.catalog import EventSpec
from ...replies import Reply
from ...widgets import LazySwitcher
from ..logins import labelled
from .page import court_screen


class FilingWizard(Vertical):
    """Event, fee choice, case, filer, documents, docket text, final text: each page judged by the core,
    and only the page in use mounted."""

    DEFAULT_CSS = "FilingWizard { height: auto; } FilingWizard LazySwitcher { height: auto; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.draft = filing.FilingDraft("")
        self.submitting = False
        self.page = "event"
        self.menu = ""
        self.menu_events: list[EventSpec] = []  # the events of the chosen menu, which the search narrows

    def compose(self) -> ComposeResult:
        yield Label("", id="filing-title", classes="panel-title")
        yield LazySwitcher({
            "event": lambda: Vertical(
                labelled("Find an event", Input(id="event-search", placeholder="type an event, e.g. motion")),
                OptionList(id="event-list"),
                Button("Next", id="next-event", variant="primary"), id="filing-event"),
            "fee": lambda: Vertical(
                Static("", id="fee-summary", markup=False),
                Horizontal(Button("Pay Now", id="pay-now", variant="primary"), Button("Continue Filing", id="pay-later"),
                           classes="buttons"), id="filing-fee"),
            "case": lambda: Vertical(
                labelled("Case number", Input(id="case-number", placeholder="1:21-cv-01234 or 21-1234")),
                Button("Next", id="next-case", variant="primary"), id="filing-case"),
            "party": lambda: Vertical(
                Static("", id="case-name", markup=False),
                Label("Select the filer (the party you file for):"),
                OptionList(id="party-list"),
                labelled("Filer", Input(id="party")),
                Button("Next", id="next-party", variant="primary"), id="filing-party"),
            "documents": lambda: Vertical(
                labelled("Main document", Input(id="main-document", placeholder="a PDF path, or sample:motion.pdf")),
                Static("Attachments (each a separate PDF):", markup=False),
                labelled("Attachment", Input(id="attachment-document", placeholder="path or sample:exhibit.pdf")),
                labelled("Description", Input(id="attachment-description", placeholder="e.g. Exhibit A")),
                Button("Add attachment", id="add-attachment"),
                Static("", id="attachments-list", markup=False),
                Button("Next", id="next-documents", variant="primary"), id="filing-documents"),
            "text": lambda: Vertical(
                labelled("Modifier", Input(id="modifier", placeholder=f"optional: {', '.join(catalog.modifiers()[:4])}...",
                                           suggester=SuggestFromList(catalog.modifiers(), case_sensitive=False))),
                labelled("Text", Input(id="free-text", placeholder="free text after the event, e.g. to Extend Time")),
                Button("Next", id="next-text", variant="primary"), id="filing-text"),
            "final": lambda: Vertical(
                Label("Docket Text: Final Text"),
                Static("", id="final-text", markup=False),
                Static("Pressing Submit files this document. You cannot change it afterwards.", classes="notice",
                       markup=False),
                Horizontal(Button("Submit", id="submit-filing", variant="primary"),
                           Button("Start over", id="restart-filing"), classes="buttons"), id="filing-final"),
        }, keep=True, id="filing-pages")

    def start(self, menu: str) -> None:
        """A fresh draft for this court, listing the events of the menu chosen (all for a bookmark)."""
        self.draft = filing.FilingDraft(court_screen(self).court_id)
        self.submitting = False
        self.menu = menu
        for field in self.query(Input):
            field.value = ""
        for static in self.query("#attachments-list, #final-text, #case-name, #fee-summary").results(Static):
            static.update("")
        self.call_later(self._start_events)

    async def _start_events(self) -> None:
        await self.show("event")
        self.menu_events = [event for event in catalog.events_for(court_screen(self).data.court_type)
                            if not self.menu or self.menu in event.menus]
        self.list_events("")
        self.query_one("#event-search", Input).focus()

    def list_events(self, text: str) -> None:
        events = self.query_one("#event-list", OptionList)
        events.clear_options()
        for event in filing.matching_events(self.menu_events, text):
            fee = " (fee)" if event.has_fee else ""
            events.add_option(Option(f"{event.category} > {event.name}{fee}", id=event.id))

    @on(Input.Changed, "#event-search")
    def search_events(self, event: Input.Changed) -> None:
        """The list narrows as the filer types, as CM/ECF's event search does."""
        if self.page == "event":
            self.list_events(event.value)

    PAGE_TITLES = {"event": "choose the event", "fee": "filing fee", "case": "case number", "party": "select the filer",
                   "documents": "PDF documents", "text": "docket text: modify as appropriate", "final": "final text"}

    async def show(self, page: str) -> None:
        self.page = page
        self.query_one("#filing-title", Label).update(f"{self.menu or 'File a document'}: {self.PAGE_TITLES[page]}")
        await self.query_one(LazySwitcher).show(page)

    class Checked(Reply):
        """A page judged by the core (`result`: what it returned, or the refusal); a subclass per page,
        whose handler moves on to the next page. `chosen`: what the filer chose on the page."""

        def __init__(self, asker, chosen: Any = None) -> None:
            super().__init__(asker)
            self.chosen = chosen

    class EventChecked(Checked):
        """The event exists at this court: its fee page, or the case page, is next."""

    class PaymentChecked(Checked):
        """Pay now or later is allowed: the case page is next."""

    class CaseChecked(Checked):
        """The case is this court's: the filer page is next, its parties listed."""

    class PartyChecked(Checked):
        """The filer is a party the filer may file for: the documents page is next."""

    class DocumentsChecked(Checked):
        """The PDFs pass the court's checks: the docket text page is next."""

    class TextChecked(Checked):
        """The filing as a whole is valid: the final text is shown before Submit."""

    def _check(self, work: Callable[[Ctx], Any], checked: Checked) -> None:
        """Judge this page in the core; its handler moves on when `_passed`. A page check reads and
        judges; only a refusal that moves the learner (a window began, the session ended) needs the
        full landing, which `app.refused` gives it."""
        self.app.ask(work, checked)

    def _passed(self, checked: Checked) -> bool:
        if isinstance(checked.result, SimError):
            self.app.refused(checked.result)
            return False
        if self.screen is not self.app.screen:
            return False
        self.screen.message_bar.clear()
        return True

    # event
    @on(OptionList.OptionSelected, "#event-list")
    def event_chosen(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#event-search", Input).value = str(event.option.id)
        self.choose_event()

    @on(Input.Submitted, "#event-search")
    @on(Button.Pressed, "#next-event")
    def choose_event(self) -> None:
        query = self.query_one("#event-search", Input).value
        court_id = self.draft.court_id

        def check(ctx: Ctx) -> tuple[EventSpec, str]:
            event = filing.check_event(ctx.court(court_id), query)
            return event, filing.fee_summary(ctx, court_id, event) if event.has_fee else ""

        self._check(check, self.EventChecked(self))

    @on(EventChecked)
    async def event_checked(self, checked: EventChecked) -> None:
        if not self._passed(checked):
            return
        event, fee_summary = checked.result
        self.draft.event = event.id
        if event.has_fee:
            await self.show("fee")
            self.query_one("#fee-summary", Static).update(fee_summary)
            self.query_one("#pay-now", Button).focus()
        else:
            await self.show("case")
            self.query_one("#case-number", Input).focus()

    # fee
    @on(Button.Pressed, "#pay-now, #pay-later")
    def choose_payment(self, event: Button.Pressed) -> None:
        pay = "now" if event.button.id == "pay-now" else "later"
        draft = self.draft

        def work(ctx: Ctx) -> None:
            session = signon.court_session(ctx, draft.court_id)
            filing.check_payment(ctx, session, catalog.event(session.court.type, draft.event), pay)

        self._check(work, self.PaymentChecked(self, pay))

    @on(PaymentChecked)
    async def payment_checked(self, checked: PaymentChecked) -> None:
        if self._passed(checked):
            self.draft.pay = checked.chosen
            await self.show("case")
            self.query_one("#case-number", Input).focus()

    # case
    @on(Input.Submitted, "#case-number")
    @on(Button.Pressed, "#next-case")
    def choose_case(self) -> None:
        number = self.query_one("#case-number", Input).value
        court_id = self.draft.court_id

        def work(ctx: Ctx):
            court = ctx.court(court_id)
            case = filing.check_case(ctx, court, number)
            session = signon.court_session(ctx, court_id, move_learner=False)
            default = filing.check_party(ctx, case, access.acting_primary(ctx, session), "")
            return case.number, case.title, [p.name for p in filing.parties(ctx, case)], default

        self._check(work, self.CaseChecked(self, number))

    @on(CaseChecked)
    async def case_checked(self, checked: CaseChecked) -> None:
        if not self._passed(checked):
            return
        number_found, title, parties, default = checked.result
        self.draft.case = checked.chosen
        await self.show("party")
        self.query_one("#case-name", Static).update(f"{number_found} {title}")
        options = self.query_one("#party-list", OptionList)
        options.clear_options()
        for name in parties:
            options.add_option(Option(name, id=name))
        self.query_one("#party", Input).value = default
        self.query_one("#party", Input).focus()

    # party
    @on(OptionList.OptionSelected, "#party-list")
    def party_chosen(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#party", Input).value = str(event.option.id)

    @on(Input.Submitted, "#party")
    @on(Button.Pressed, "#next-party")
    def choose_party(self) -> None:
        name = self.query_one("#party", Input).value
        draft = self.draft

        def work(ctx: Ctx):
            court = ctx.court(draft.court_id)
            case = cases.find(ctx, court, draft.case)
            session = signon.court_session(ctx, draft.court_id, move_learner=False)
            return filing.check_party(ctx, case, access.acting_primary(ctx, session), name)

        self._check(work, self.PartyChecked(self, name))

    @on(PartyChecked)
    async def party_checked(self, checked: PartyChecked) -> None:
        if self._passed(checked):
            self.draft.party = checked.chosen
            await self.show("documents")
            self.query_one("#main-document", Input).focus()

    # documents
    @on(Input.Submitted, "#attachment-document, #attachment-description")
    @on(Button.Pressed, "#add-attachment")
    def add_attachment(self) -> None:
        document = self.query_one("#attachment-document", Input).value.strip()
        if not document:
            return
        description = self.query_one("#attachment-description", Input).value.strip()
        self.draft.attachments.append((document, description))
        self.query_one("#attachment-document", Input).value = ""
        self.query_one("#attachment-description", Input).value = ""
        listed = "\n".join(f"# {i} {doc} {desc}".rstrip() for i, (doc, desc) in enumerate(self.draft.attachments, 1))
        self.query_one("#attachments-list", Static).update(listed)

    @on(Input.Submitted, "#main-document")
    @on(Button.Pressed, "#next-documents")
    def choose_documents(self) -> None:
        main = self.query_one("#main-document", Input).value
        draft = self.draft

        self._check(lambda ctx: filing.check_documents(ctx, ctx.court(draft.court_id), main, draft.attachments),
                    self.DocumentsChecked(self, main))

    @on(DocumentsChecked)
    async def documents_checked(self, checked: DocumentsChecked) -> None:
        if self._passed(checked):
            self.draft.document = checked.chosen
            await self.show("text")
            self.query_one("#free-text", Input).focus()

    # docket text
    @on(Input.Submitted, "#free-text")
    @on(Button.Pressed, "#next-text")
    def choose_text(self) -> None:
        self.draft.modifier = self.query_one("#modifier", Input).value.strip()
        self.draft.text = self.query_one("#free-text", Input).value
        draft = self.draft

        self._check(lambda ctx: filing.validate(ctx, draft), self.TextChecked(self))

    @on(TextChecked)
    async def text_checked(self, checked: TextChecked) -> None:
        if self._passed(checked):
            await self.show("final")
            self.query_one("#final-text", Static).update(checked.result.docket_text)
            self.query_one("#submit-filing", Button).focus()

    # final
    @on(Button.Pressed, "#submit-filing")
    def submit(self) -> None:
        """One filing per draft: a second press while the first is on its way files nothing more."""
        if self.submitting:
            return
        self.submitting = True
        draft = self.draft
        self.app.act(lambda ctx: filing.submit(ctx, draft), self.Submitted(self))

    class Submitted(Reply):
        """The filing's submission has landed (filed or refused): Submit files again only after it."""

    @on(Submitted)
    def submitted(self) -> None:
        self.submitting = False

    @on(Button.Pressed, "#restart-filing")
    def restart(self) -> None:
        self.screen.call_later(self.screen.show_panel, "filing", self.menu)
