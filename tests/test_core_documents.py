"""PDF rules (R24): the built-in samples, files on disk, the court's size limit; each rejection names
the cause and the fix."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from simulator.core import catalog, documents, filing, signon
from simulator.core.context import Simulation
from simulator.core.errors import Code, SimError
from simulator.core.world import private_world
from simulator.scenario.loader import parse

MB = 1024 * 1024

# sample -> None (accepted) or (words naming the cause, words naming the fix)
VERDICTS = {
    "motion.pdf": None,
    "complaint.pdf": None,
    "exhibit.pdf": None,
    "petition.pdf": None,
    "javascript.pdf": ("JavaScript", "PDF printer"),
    "encrypted.pdf": ("password-protected", "Save a copy without the password"),
    "embedded.pdf": ("embedded", "file each one as its own PDF"),
    "launch.pdf": ("launching an application", "PDF printer"),
    "malformed.pdf": ("malformed", "Re-create it"),
    "not-a-pdf.txt": ("not a PDF", "save or print the document as a PDF"),
    "large.pdf": ("at most 50 MB", "Split it"),
}

SPEC_SAMPLES = ["motion.pdf", "complaint.pdf", "javascript.pdf", "encrypted.pdf", "embedded.pdf", "not-a-pdf.txt", "large.pdf"]


def test_every_sample_has_a_verdict_here():
    assert set(VERDICTS) == set(documents.SAMPLES)
    assert set(SPEC_SAMPLES) <= set(documents.SAMPLES)


@pytest.mark.parametrize("name", sorted(VERDICTS))
def test_sample_verdict(name):
    document = documents.load(f"sample:{name}", 50)
    problem = documents.rejection(document, 50, "District of Testing")
    expected = VERDICTS[name]
    if expected is None:
        assert problem is None
        documents.check(document, 50, "District of Testing")
        return
    cause, fix = expected
    assert problem is not None
    assert name in problem
    assert cause.lower() in problem.lower()
    assert fix.lower() in problem.lower()
    with pytest.raises(SimError) as info:
        documents.check(document, 50, "District of Testing")
    assert info.value.code == Code.PDF_REJECTED
    assert info.value.message == problem


def test_large_sample_is_over_every_catalog_limit():
    largest = max(int(entry.get("max_pdf_mb", 50)) for entry in catalog.courts().values())
    document = documents.load("sample:large.pdf", largest)
    assert document.size > largest * MB
    for entry in catalog.courts().values():
        limit = int(entry.get("max_pdf_mb", 50))
        problem = documents.rejection(document, limit, entry["name"])
        assert problem is not None and f"at most {limit} MB" in problem and entry["name"] in problem


def test_unknown_sample_lists_the_samples():
    with pytest.raises(SimError) as info:
        documents.load("sample:brief.pdf", 50)
    assert info.value.code == Code.INVALID_INPUT
    assert "brief.pdf" in info.value.message and "motion.pdf" in info.value.message


def test_no_document_given():
    with pytest.raises(SimError) as info:
        documents.load("  ", 50)
    assert info.value.code == Code.INVALID_INPUT
    assert "sample:motion.pdf" in info.value.message


def big_pdf() -> bytes:
    """About 1.2 MB: a valid PDF followed by a padding comment."""
    data = documents.simple_pdf("EXHIBIT B", ["A large exhibit."]) + b"%" + b"x" * int(1.2 * MB) + b"\n"
    assert 1.15 * MB < len(data) < 1.3 * MB
    return data


def test_real_pdf_on_disk_is_accepted(tmp_path):
    path = tmp_path / "brief.pdf"
    path.write_bytes(documents.simple_pdf("BRIEF", ["In support of the motion."]))
    document = documents.load(str(path), 50)
    assert document.filename == "brief.pdf"
    assert document.size == path.stat().st_size
    assert documents.rejection(document, 50, "District of Testing") is None


def test_padded_pdf_is_fine_under_a_large_limit_and_too_big_under_one_mb(tmp_path):
    path = tmp_path / "exhibit-b.pdf"
    path.write_bytes(big_pdf())
    document = documents.load(str(path), 50)
    assert documents.rejection(document, 50, "District of Testing") is None
    problem = documents.rejection(document, 1, "District of Testing")
    assert problem is not None
    assert "1.2 MB" in problem and "at most 1 MB" in problem and "District of Testing" in problem
    assert "Split it" in problem


def test_missing_path(tmp_path):
    missing = tmp_path / "nowhere" / "motion.pdf"
    with pytest.raises(SimError) as info:
        documents.load(str(missing), 50)
    assert info.value.code == Code.INVALID_INPUT
    assert str(missing) in info.value.message
    assert "Check the path" in info.value.message


def test_directory_is_not_a_document(tmp_path):
    with pytest.raises(SimError) as info:
        documents.load(str(tmp_path), 50)
    assert info.value.code == Code.INVALID_INPUT


@pytest.mark.parametrize("filename", ["notes.txt", "motion.docx", "disguised.pdf"])
def test_non_pdf_file_on_disk(tmp_path, filename):
    path = tmp_path / filename
    path.write_bytes(b"MOTION TO DISMISS\nWritten in a word processor, never converted.\n")
    problem = documents.rejection(documents.load(str(path), 50), 50, "District of Testing")
    assert problem is not None
    assert filename in problem
    assert "not a PDF" in problem and "save or print the document as a PDF" in problem


# --- through the filing flow ---------------------------------------------------------------------

WORLD = """
[scenario]
title = "pdf limits"
start = 2021-08-16T09:00:00-06:00

[[court]]
id = "cod"
max_pdf_mb = 1

[[court]]
id = "mowd"

[[pacer_account]]
username = "ecruz2018"
password = "Training#Cruz2018"
name = "Elena Cruz"
created = 2018-08-08

[[ecf_account]]
court = "cod"
login = "ecruz"
name = "Elena Cruz"
role = "attorney"
linked_to = "ecruz2018"

[[ecf_account]]
court = "mowd"
login = "ecruzmo"
name = "Elena Cruz"
role = "attorney"
linked_to = "ecruz2018"

[[case]]
court = "cod"
number = "1:21-cv-02100"
title = "Cruz v. Alpine Ski Resorts Inc."
attorneys = ["ecruz"]

[[case]]
court = "mowd"
number = "4:21-cv-00100"
title = "Cruz v. Show Me Widgets LLC"
attorneys = ["ecruzmo"]
"""


@pytest.fixture()
def sim() -> Simulation:
    spec = parse(tomllib.loads(WORLD), Path("t.toml"), require_steps=False)
    simulation = Simulation(private_world(spec.world))
    with simulation.ctx() as ctx:
        signon.pacer_login(ctx, "ecruz2018", "Training#Cruz2018")
    return simulation


def file(sim: Simulation, court: str, case: str, document: str, attachments=None):
    with sim.ctx() as ctx:
        return filing.file(ctx, court, case, "motion", document, attachments=attachments)


def refused(sim: Simulation, court: str, case: str, document: str, attachments=None) -> SimError:
    with pytest.raises(SimError) as info:
        file(sim, court, case, document, attachments)
    return info.value


def docket_count(sim: Simulation, court: str, case: str) -> int:
    from simulator.core import checks

    with sim.ctx() as ctx:
        return checks.check_docket(ctx, court, case).fields["count"]


def test_court_limit_applies_to_a_file_on_disk(sim, tmp_path):
    path = tmp_path / "exhibit-b.pdf"
    path.write_bytes(big_pdf())
    error = refused(sim, "cod", "21-2100", str(path))
    assert error.code == Code.PDF_REJECTED
    assert "1.2 MB" in error.message and "District of Colorado" in error.message and "at most 1 MB" in error.message
    assert docket_count(sim, "cod", "1:21-cv-02100") == 0
    # the same file is within the Western District of Missouri's 50 MB
    outcome = file(sim, "mowd", "21-100", str(path))
    assert outcome.fields["document_number"] == 1


def test_court_limit_applies_to_an_attachment(sim, tmp_path):
    path = tmp_path / "exhibit-b.pdf"
    path.write_bytes(big_pdf())
    error = refused(sim, "cod", "21-2100", "sample:motion.pdf", attachments=[(str(path), "Exhibit B")])
    assert error.code == Code.PDF_REJECTED
    assert "exhibit-b.pdf" in error.message and "at most 1 MB" in error.message


def test_valid_file_on_disk_is_filed(sim, tmp_path):
    path = tmp_path / "motion.pdf"
    path.write_bytes(documents.simple_pdf("MOTION", ["To extend time."]))
    outcome = file(sim, "cod", "21-2100", str(path))
    assert outcome.fields["document_number"] == 1
    assert docket_count(sim, "cod", "1:21-cv-02100") == 1


def test_missing_file_refused_at_filing(sim, tmp_path):
    error = refused(sim, "cod", "21-2100", str(tmp_path / "missing.pdf"))
    assert error.code == Code.INVALID_INPUT
    assert "missing.pdf" in error.message and "Check the path" in error.message


def test_non_pdf_file_refused_at_filing(sim, tmp_path):
    path = tmp_path / "motion.docx"
    path.write_bytes(b"PK\x03\x04 a word processor file")
    error = refused(sim, "cod", "21-2100", str(path))
    assert error.code == Code.PDF_REJECTED
    assert "not a PDF" in error.message and "save or print the document as a PDF" in error.message


@pytest.mark.parametrize("name", [n for n, v in sorted(VERDICTS.items()) if v is not None])
def test_rejected_samples_at_filing(sim, name):
    """Judged by the court's own limit from the judiciary's feed (mowd: 40 MB)."""
    error = refused(sim, "mowd", "21-100", f"sample:{name}")
    assert error.code == Code.PDF_REJECTED
    assert VERDICTS[name][0].lower() in error.message.lower() or (name == "large.pdf" and "at most 40 MB" in error.message)  # mowd's own limit


def test_home_of_an_unknown_user_is_a_clear_refusal():
    with pytest.raises(SimError) as info:
        documents.load("~no-such-user-here/motion.pdf", 50)
    assert info.value.code == Code.INVALID_INPUT
    assert "cannot be read" in info.value.message


def test_unreadable_file_is_a_clear_refusal(tmp_path, monkeypatch):
    path = tmp_path / "sealed.pdf"
    path.write_bytes(b"%PDF-1.4\n")

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(SimError) as info:
        documents.load(str(path), 50)
    assert info.value.code == Code.INVALID_INPUT
    assert "Permission denied" in info.value.message and "try again" in info.value.message


def test_a_file_past_every_limit_is_judged_by_its_size_without_reading_it_all(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"0" * (3 * MB))
    document = documents.load(str(path), 1)
    assert document.size == 3 * MB + 9
    assert len(document.data) == 64 * 1024
    assert "at most 1 MB" in documents.rejection(document, 1, "District of Testing")


def test_a_served_learner_files_samples_only_and_learns_nothing_of_the_servers_files(sim, tmp_path):
    """In a served class the filing form cannot probe the server: a path is refused before it is
    looked at, the same words whether or not the file exists."""
    path = tmp_path / "motion.pdf"
    path.write_bytes(documents.simple_pdf("MOTION", ["To extend time."]))
    served = Simulation(sim.engine, sim.browser_id, samples_only=True)
    answers = {refused(served, "cod", "21-2100", reference).message
               for reference in (str(path), "/etc/shadow", str(tmp_path / "nothing.pdf"))}
    assert len(answers) == 1 and "sample:motion.pdf" in answers.pop()
    assert file(served, "cod", "21-2100", "sample:motion.pdf").fields["document_number"] == 1
