"""The scenario language, version 1 (SPEC §4), as data: every table's keys and every action's
parameters and result fields. Validation, both drivers, the JSON Schema and the docs read it.

Extensions beyond SPEC §4 are marked `extension=True`; what SPEC defines keeps its meaning.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Parameter and field kinds: str, bool, int, number, datetime (with offset), date, date_or_datetime,
# duration, str_list, attachments, security, windows, locations, parties, date_list, table (free-form).


@dataclass(frozen=True)
class Param:
    name: str
    kind: str = "str"
    required: bool = False
    choices: tuple[str, ...] = ()
    doc: str = ""


@dataclass(frozen=True)
class Action:
    name: str
    kind: str  # learner | world | check
    params: tuple[Param, ...]
    fields: tuple[str, ...] = ()
    summary: str = ""
    one_of: tuple[tuple[str, ...], ...] = ()  # groups of which exactly one must be given
    extension: bool = False

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


COURT = Param("court", required=True, doc="a court id, e.g. cod")

ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        Action("advance_clock", "world", (Param("by", "duration"), Param("to", "datetime")), ("now",),
               "Move the simulated clock forward by a duration or to a later instant.", one_of=(("by", "to"),)),
        Action("declare_outage", "world", (COURT, Param("until", "datetime", True), Param("extends_deadlines", "bool")), (),
               "The clerk declares the court's CM/ECF unavailable from now until `until`."),
        Action("clerk_approve", "world", (COURT, Param("username", required=True)), (),
               "The clerk approves a pending link or e-file registration."),
        Action("clerk_reject", "world", (COURT, Param("username", required=True), Param("reason", required=True)), (),
               "The clerk rejects a pending link or e-file registration, giving a reason."),
        Action("visit", "learner", (COURT,), ("menu",), "Follow the court's Document Filing System link."),
        Action("ecf_login", "learner",
               (COURT, Param("login", required=True), Param("password", required=True), Param("client_code"),
                Param("redaction_ack", "bool")), ("menu",),
               "Sign in on a court's own CM/ECF login page with a court-issued login."),
        Action("pacer_login", "learner",
               (Param("username", required=True), Param("password", required=True), Param("otp"), Param("client_code"),
                Param("redaction_ack", "bool")), ("menu",),
               "Sign in to PACER (Central Sign-On); otp = \"auto\" types the current code of the enrolled secret."),
        Action("logout", "learner", (), (), "Log out of PACER and every court."),
        Action("forgot_password", "learner", (Param("court"), Param("login"), Param("username")), (),
               "Ask for a password reset link: court and login for a court-issued login, or username for PACER.",
               one_of=(("court", "username"),)),
        Action("register_pacer_account", "learner",
               (Param("username", required=True), Param("password", required=True), Param("name", required=True),
                Param("email", required=True)), ("account_number",), "Register for a PACER account."),
        Action("upgrade_account", "learner",
               (Param("date_of_birth", "date", True), Param("county", required=True), Param("new_username", required=True),
                Param("new_password", required=True), Param("security", "security")), ("type",),
               "Upgrade the signed-in legacy PACER account (Person, Address, Security pages)."),
        Action("enroll_mfa", "learner", (), ("secret", "backup_codes"),
               "Enrol the signed-in PACER account in multifactor authentication."),
        Action("link_account", "learner",
               (COURT, Param("ecf_login", required=True), Param("ecf_password", required=True)), ("status",),
               "Utilities > Link a CM/ECF account to my PACER account."),
        Action("request_registration", "learner",
               (COURT, Param("role", required=True, choices=("attorney", "filing_agent", "trustee", "creditor", "pro_se"))),
               ("status",), "PACER Manage My Account > Maintenance: e-file registration at a NextGen court."),
        Action("create_filing_agent", "learner",
               (COURT, Param("login", required=True), Param("password", required=True), Param("name", required=True),
                Param("email", required=True)), (), "At a legacy court, create a filing-agent login."),
        Action("add_filing_agent", "learner",
               (COURT, Param("agent", required=True), Param("internet_payment", "bool")), (),
               "At a NextGen court, add a registered filing agent (Find Filing Agent) with permissions."),
        Action("remove_filing_agent", "learner", (COURT, Param("agent", required=True)), (), "Remove a filing agent."),
        Action("change_user", "learner", (COURT, Param("primary", required=True)), ("acting_for",),
               "A filing agent chooses whom they act for."),
        Action("file", "learner",
               (COURT, Param("case", required=True), Param("event", required=True), Param("document", required=True),
                Param("attachments", "attachments"), Param("text"), Param("pay", choices=("now", "later")),
                Param("party"), Param("modifier")),
               ("document_number", "docket_text", "filer", "entered_by", "fee_due", "party", "notice"),
               "File a document and reach the Notice of Electronic Filing."),
        Action("pay_fees", "learner", (COURT,), ("paid",), "Utilities > Internet Payments Due: pay what is owed."),
        Action("check_account", "check", (Param("username", required=True),),
               ("type", "kind", "locked", "account_number", "mfa", "username", "firm"), "Report a PACER account."),
        Action("check_court", "check", (COURT,), ("generation", "available"), "Report a court's generation and availability."),
        Action("check_menu", "check", (COURT,), ("menu",), "Report the learner's menu bar at a court."),
        Action("check_link", "check", (COURT, Param("username", required=True)), ("status", "ecf_login"),
               "Report a PACER account's link at a court."),
        Action("check_docket", "check", (COURT, Param("case", required=True)),
               ("count", "last_text", "last_filer", "last_entered_by"), "Report a case's docket."),
        Action("check_email", "check", (Param("to", required=True),), ("count", "last_subject", "last_body"),
               "Report a mailbox (a PACER username or an address)."),
        Action("check_deadline", "check",
               (COURT, Param("due", "date_or_datetime", True), Param("kind", choices=("days", "hours"))),
               ("extended_to", "extended"), "Compute a deadline under Rule 6(a) / Bankr. Rule 9006(a)."),
        # extensions
        Action("change_password", "learner",
               (Param("current_password", required=True), Param("new_password", required=True)), (),
               "Manage My Account > Settings > Change Password.", extension=True),
        Action("reset_password", "learner",
               (Param("new_password", required=True), Param("court"), Param("login"), Param("username")), (),
               "Follow an emailed reset link (valid 24 hours) and choose a new password.",
               one_of=(("court", "username"),), extension=True),
        Action("update_contact", "learner", (Param("name"), Param("email"), Param("address")), (),
               "Manage My Account > Maintenance > Update Personal Information.", extension=True),
        Action("update_ecf_account", "learner",
               (COURT, Param("email"), Param("secondary_emails", "str_list"), Param("name")), (),
               "Utilities > Maintain Your ECF Account at a court.", extension=True),
        Action("register_firm_account", "learner",
               (Param("username", required=True), Param("password", required=True), Param("name", required=True),
                Param("email", required=True)), ("account_number",),
               "Register a PACER Administrative Account (firm billing).", extension=True),
        Action("invite_to_firm", "learner", (Param("account_number", required=True), Param("last_name", required=True)), (),
               "From the signed-in firm account, invite a member account.", extension=True),
        Action("accept_firm_invitation", "learner", (Param("firm", required=True),), (),
               "Accept a firm's billing invitation.", extension=True),
        Action("check_registration", "check", (COURT, Param("username", required=True)), ("status", "role"),
               "Report an e-file registration.", extension=True),
        Action("check_transactions", "check", (COURT, Param("user", required=True)), ("count", "last_text", "last_by"),
               "Report a filer's transaction log at a court.", extension=True),
    )
}

COMMON_FIELDS = ("ok", "error", "message", "location")
OPERATORS = ("contains", "matches", "at_least", "at_most")

FIELD_KINDS = {
    "now": "datetime", "menu": "str_list", "account_number": "str", "type": "str", "secret": "str",
    "backup_codes": "str_list", "status": "str", "acting_for": "str", "document_number": "int", "docket_text": "str",
    "filer": "str", "entered_by": "str", "fee_due": "number", "party": "str", "notice": "str", "paid": "number",
    "kind": "str", "locked": "bool", "mfa": "bool", "username": "str", "firm": "str", "generation": "str",
    "available": "bool", "ecf_login": "str", "count": "int", "last_text": "str", "last_filer": "str",
    "last_entered_by": "str", "last_subject": "str", "last_body": "str", "extended_to": "date_or_datetime",
    "extended": "bool", "role": "str", "last_by": "str", "ok": "bool", "error": "str", "message": "str",
    "location": "str",
}


@dataclass(frozen=True)
class Table:
    name: str
    required: tuple[str, ...]
    optional: dict[str, str] = field(default_factory=dict)  # key -> kind
    required_kinds: dict[str, str] = field(default_factory=dict)
    array: bool = True

    @property
    def keys(self) -> tuple[str, ...]:
        return self.required + tuple(self.optional)

    def kind_of(self, key: str) -> str:
        return self.required_kinds.get(key) or self.optional.get(key, "str")


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table("scenario", ("title", "start"), {"rules": "str_list", "briefing": "str", "summary": "str",
                                               "tags": "str_list", "level": "str"},
              {"start": "datetime"}, array=False),
        Table("settings", (), {"lockout_attempts": "int", "lockout_minutes": "int", "password_rotation_days": "int",
                               "holidays_add": "date_list", "seed": "int", "display_zone": "str"}, array=False),
        Table("court", ("id",), {"name": "str", "type": "str", "time_zone": "str", "nextgen_go_live": "court_datetime",
                                 "link_review": "str", "max_pdf_mb": "number", "windows": "windows", "help_desk": "str",
                                 "nextgen_always": "bool", "login_url": "str", "states": "str_list",
                                 "locations": "locations"}),
        Table("pacer_account", ("username", "password", "name"),
              {"email": "str", "kind": "str", "type": "str", "created": "date", "account_number": "str",
               "mfa_secret": "str", "mfa_backup_codes": "str_list", "firm": "str"}),
        Table("ecf_account", ("court", "login", "name", "role"),
              {"password": "str", "linked_to": "str", "email": "str", "agent_for": "str_list",
               "internet_payment": "bool", "secondary_emails": "str_list"}),
        Table("case", ("court", "number", "title"), {"attorneys": "str_list", "parties": "parties"}),
        Table("step", ("do",), {"expect": "table", "note": "str"}),
        Table("objective", ("text", "check"), {}, {"check": "table"}),
        Table("hint", ("text",)),
        Table("persona", ("name", "summary"), {"credentials": "str_list"}),
    )
}

WORLD_TABLE_KEYS = {"court": "courts", "pacer_account": "pacer_accounts", "ecf_account": "ecf_accounts", "case": "cases"}
PACER_KINDS = ("individual", "shared", "firm")
PACER_TYPES = ("legacy", "upgraded")
