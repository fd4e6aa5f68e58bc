"""What `seed/` takes from the judiciary's own court CM/ECF lookup feed
(`seed/pacer-courts-2023-01-10.json`, a snapshot of https://pacer.uscourts.gov/file-case/court-cmecf-lookup/data.json).

Two generated files: `seed/courts.toml`, every court with a CM/ECF site (its id, name, type, CM/ECF
URL, NextGen or not on the feed's date, PDF limit, help desk, locations and the states it serves), the
seven courts of the notices overlaid with what `seed/notice_courts.toml` says of them; and
`seed/counties.toml`, the counties of each state, which PACER's upgrade form offers. Regenerate both
with `python -m simulator.core.pacer_feed`; a test checks that the committed files are what this writes,
so the catalog never drifts from its sources.
"""

from __future__ import annotations

import html
import json
import re
import sys
import tomllib
from collections import defaultdict
from datetime import datetime
from pathlib import Path

from .catalog import seed_path

FEED = "pacer-courts-2023-01-10.json"
NOTICE_COURTS = "notice_courts.toml"

# Rows of the feed that are no court's CM/ECF: the PACER Case Locator, and the Supreme Court (which has none).
NOT_CMECF = {"00PCL", "SCOTUS"}
FEED_TYPES = {"District": "district", "Bankruptcy": "bankruptcy", "Appeals": "appellate",
              # The Court of International Trade, the Court of Federal Claims and the JPML run district CM/ECF.
              "National": "district"}
DEFAULT_PDF_MB = 50  # SPEC §3: a court whose own figure is not known

# The zone of each court's seat, by the postal code its feed id starts with (SPEC R1 shows times there).
STATE_ZONES = {
    "AK": "America/Anchorage", "AL": "America/Chicago", "AR": "America/Chicago", "AZ": "America/Phoenix",
    "CA": "America/Los_Angeles", "CO": "America/Denver", "CT": "America/New_York", "DC": "America/New_York",
    "DE": "America/New_York", "FL": "America/New_York", "GA": "America/New_York", "GU": "Pacific/Guam",
    "HI": "Pacific/Honolulu", "IA": "America/Chicago", "ID": "America/Boise", "IL": "America/Chicago",
    "IN": "America/Indiana/Indianapolis", "KS": "America/Chicago", "KY": "America/New_York",
    "LA": "America/Chicago", "MA": "America/New_York", "MD": "America/New_York", "ME": "America/New_York",
    "MI": "America/Detroit", "MN": "America/Chicago", "MO": "America/Chicago", "MS": "America/Chicago",
    "MT": "America/Denver", "NC": "America/New_York", "ND": "America/Chicago", "NE": "America/Chicago",
    "NH": "America/New_York", "NJ": "America/New_York", "NM": "America/Denver", "NMI": "Pacific/Saipan",
    "NV": "America/Los_Angeles", "NY": "America/New_York", "OH": "America/New_York", "OK": "America/Chicago",
    "OR": "America/Los_Angeles", "PA": "America/New_York", "PR": "America/Puerto_Rico", "RI": "America/New_York",
    "SC": "America/New_York", "SD": "America/Chicago", "TN": "America/New_York", "TX": "America/Chicago",
    "UT": "America/Denver", "VA": "America/New_York", "VI": "America/St_Thomas", "VT": "America/New_York",
    "WA": "America/Los_Angeles", "WI": "America/Chicago", "WV": "America/New_York", "WY": "America/Denver",
}
# Districts whose seat is not in their state's usual zone (Nashville, Memphis).
DISTRICT_ZONES = {"TNM": "America/Chicago", "TNW": "America/Chicago"}
# Appellate courts sit where their circuit's clerk does.
CIRCUIT_ZONES = {"05": "America/Chicago", "07": "America/Chicago", "08": "America/Chicago",
                 "09": "America/Los_Angeles", "10": "America/Denver"}

_PHONE = re.compile(r"\(?\d{3}\)?[ .-]?\d{3}[.-]\d{4}")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def court_id(row: dict) -> str:
    """The id PACER uses in the court's address: ecf.<id>.uscourts.gov (`cod`, `utb`, `ca10`); a
    bankruptcy appellate panel shares its circuit's site, so it takes the id of its own (`bap10`)."""
    if row["court_id"].endswith("BAP"):
        return f"bap{int(row['circuit'])}"
    host = re.match(r"https?://ecf\.([a-z0-9]+)\.", row["login_url"])
    return host.group(1)


def _time_zone(row: dict, court_type: str) -> str:
    if court_type == "appellate" or row["type"] == "National":
        return CIRCUIT_ZONES.get(row.get("circuit", ""), "America/New_York")
    prefix = re.sub(r"(BK|DC|DAD)$", "", row["court_id"])
    return DISTRICT_ZONES.get(prefix) or STATE_ZONES.get(prefix) or STATE_ZONES[prefix[:2]]


def pdf_limit_mb(text: str | None) -> float | int:
    """The feed writes the limit as it likes ('35', '50.0 MB', '25.0 MB Per PDF Document. ...'):
    its first number, in MB; no figure means the SPEC's default."""
    found = _NUMBER.search(text or "")
    if not found:
        return DEFAULT_PDF_MB
    value = float(found.group())
    return int(value) if value.is_integer() else value


def _listed(value) -> list[dict]:
    """The feed's lists are sometimes objects keyed "0", "1", ... (five rows): their entries, in order."""
    if isinstance(value, dict):
        return [value[key] for key in sorted(value, key=int)]
    return list(value or [])


def _clean(text: str) -> str:
    """The feed's text as a page shows it: entities decoded, line breaks as commas, no markup, single spaces."""
    text = re.sub(r"\s*<br\s*/?>\s*", ", ", html.unescape(text or ""), flags=re.I)
    return " ".join(re.sub(r"<[^>]+>", "", text).split())


def help_desk(row: dict) -> str:
    """The help desk's phone and email, as the court page shows them: the feed's help desk rows first,
    its locations after, and of several emails the CM/ECF or help one."""
    desk_text = " ".join(_clean(f"{h.get('division', '')} {h.get('phone', '')}") for h in _listed(row.get("help_desk")))
    place_text = " ".join(_clean(f"{p.get('phone', '')} {p.get('email', '')}") for p in _listed(row.get("locations")))
    phones = _PHONE.findall(desk_text) or _PHONE.findall(place_text)
    emails = _EMAIL.findall(desk_text) + _EMAIL.findall(place_text)
    emails.sort(key=lambda address: not re.search(r"ecf|help", address, re.I))
    parts = [part for part in (phones[:1] + emails[:1]) if part]
    return "CM/ECF Help Desk, " + ", ".join(parts) if parts else ""


def _locations(row: dict) -> list[dict]:
    found = []
    for place in _listed(row.get("locations")):
        entry = {key: _clean(place.get(key, "")) for key in ("name", "address", "phone", "email", "hours")}
        found.append({key: value for key, value in entry.items() if value})
    return found


def feed_court(row: dict) -> dict:
    court_type = FEED_TYPES[row["type"]]
    entry = {
        "id": court_id(row),
        "name": _clean(row["title"]),
        "type": court_type,
        "time_zone": _time_zone(row, court_type),
        "login_url": row["login_url"].rstrip("/"),
        "max_pdf_mb": pdf_limit_mb(row.get("pdf_size")),
        "link_review": "immediate",
    }
    # The feed says which software each court runs on its date, not since when: a NextGen court is
    # NextGen from before any world begins, and no go-live date is invented for it.
    if "NextGen" in (row.get("software_version") or ""):
        entry["nextgen_always"] = True
    entry["help_desk"] = help_desk(row)
    entry["states"] = sorted({c["state"].strip() for c in _listed(row.get("counties")) if c.get("state")})
    entry["locations"] = _locations(row)
    return entry


def catalog_courts(feed: dict, notice_courts: list[dict]) -> list[dict]:
    """Every CM/ECF court of the feed, by id; a notice court keeps what its notice says (its go-live
    date, windows, name, help desk) and takes the rest from the feed."""
    by_id = {}
    for row in feed["data"]:
        if row["court_id"] not in NOT_CMECF:
            entry = feed_court(row)
            by_id[entry["id"]] = entry
    for notice in notice_courts:
        entry = by_id[notice["id"]]
        if "nextgen_go_live" in notice:
            entry.pop("nextgen_always", None)
        entry.update(notice)
    return [by_id[key] for key in sorted(by_id)]


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{key} = {_toml_value(item)}" for key, item in value.items()) + " }"
    return json.dumps(value, ensure_ascii=False)


FIELD_ORDER = ("id", "name", "type", "time_zone", "login_url", "nextgen_go_live", "nextgen_always", "link_review",
               "max_pdf_mb", "help_desk", "windows", "states", "locations")


def _header(feed: dict, what: str) -> list[str]:
    return [f"# Generated by `python -m simulator.core.pacer_feed` from seed/{FEED} ({feed['meta']['last_updated']}){what}.",
            "# Do not edit by hand.", ""]


def courts_toml(feed: dict, notice_courts: list[dict]) -> str:
    lines = _header(feed, f" and seed/{NOTICE_COURTS}")
    lines += ["# A court with nextgen_always is NextGen at every simulated instant (the feed does not say since when);",
              "# a scenario's [[court]] that gives nextgen_go_live sets its date instead.", ""]
    for entry in catalog_courts(feed, notice_courts):
        lines.append("[[court]]")
        for key in sorted(entry, key=FIELD_ORDER.index):
            lines.append(f"{key} = {_toml_value(entry[key])}")
        lines.append("")
    return "\n".join(lines)


def counties_by_state(feed: dict) -> dict[str, list[str]]:
    """Every county the feed's courts list, by state, each once, in alphabetical order. Entries
    without a state (two rows name American Samoa alone) are not counties of a state."""
    found: dict[str, set[str]] = defaultdict(set)
    for court in feed["data"]:
        for county in _listed(court.get("counties")):
            if county.get("state") and county.get("name"):
                found[county["state"].strip()].add(county["name"].strip())
    return {state: sorted(names) for state, names in sorted(found.items())}


def counties_toml(feed: dict) -> str:
    lines = _header(feed, "") + ["[counties]"]
    lines += [f"{json.dumps(state)} = {json.dumps(names, ensure_ascii=False)}"
              for state, names in counties_by_state(feed).items()]
    return "\n".join(lines) + "\n"


def load_feed() -> dict:
    with open(seed_path(FEED), encoding="utf-8") as handle:
        return json.load(handle)


def load_notice_courts() -> list[dict]:
    with open(seed_path(NOTICE_COURTS), "rb") as handle:
        return tomllib.load(handle)["court"]


def generated_files() -> dict[str, str]:
    """Each generated seed file's name and the text it must hold."""
    feed = load_feed()
    return {"courts.toml": courts_toml(feed, load_notice_courts()), "counties.toml": counties_toml(feed)}


def main(seed_dir: Path) -> None:
    for name, text in generated_files().items():
        (seed_dir / name).write_text(text, encoding="utf-8")
        sys.stdout.write(f"wrote {seed_dir / name}\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else seed_path(FEED).parent)
