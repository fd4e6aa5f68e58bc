"""Documents to file: the built-in samples and files on disk, and the PDF rules of R24.

Each rejection names the cause and the fix, in the words NextGen release notes use where they exist.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Code, SimError, invalid

if TYPE_CHECKING:  # pypdf is loaded when a document is first judged, not when the app starts
    from pypdf import PdfReader, PdfWriter

MB = 1024 * 1024
logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # rejections are reported by `rejection`, not logged
SAMPLE_PREFIX = "sample:"


@dataclass(frozen=True)
class Document:
    filename: str
    data: bytes
    size: int  # bytes; a sample may stand for a file larger than its bytes


def simple_pdf(title: str, lines: list[str]) -> bytes:
    """A well-formed one-page PDF with a few lines of text (Helvetica), written by hand: xref offsets
    and all, so a reader sees a real document."""
    text_ops = ["BT", "/F1 14 Tf", "72 720 Td", f"({_escape(title)}) Tj", "/F1 11 Tf"]
    for line in lines:
        text_ops += ["0 -18 Td", f"({_escape(line)}) Tj"]
    text_ops.append("ET")
    stream = "\n".join(text_ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref_at)
    return bytes(out)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _rewritten(base: bytes, change) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(base)))
    change(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _open_action(kind: str, key: str, value: str):
    """A document-open action of the given kind (/JavaScript runs a script, /Launch starts a program)."""

    def change(writer: PdfWriter) -> None:
        from pypdf.generic import DictionaryObject, NameObject, TextStringObject

        action = DictionaryObject({NameObject("/S"): NameObject(kind), NameObject(key): TextStringObject(value)})
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)

    return change


def _motion() -> bytes:
    return simple_pdf("MOTION TO EXTEND TIME", ["A practice document for cmecf-sim.", "Not a real filing."])


@lru_cache(maxsize=None)
def _sample_bytes(name: str) -> bytes:
    makers = {
        "motion.pdf": _motion,
        "complaint.pdf": lambda: simple_pdf("COMPLAINT", ["A practice complaint for cmecf-sim.", "Not a real filing."]),
        "exhibit.pdf": lambda: simple_pdf("EXHIBIT A", ["A practice exhibit for cmecf-sim."]),
        "petition.pdf": lambda: simple_pdf("VOLUNTARY PETITION", ["A practice petition for cmecf-sim."]),
        "javascript.pdf": lambda: _rewritten(_motion(), _open_action("/JavaScript", "/JS", "app.alert('Hello');")),
        "encrypted.pdf": lambda: _rewritten(_motion(), lambda w: w.encrypt(user_password="secret", algorithm="RC4-128")),
        "embedded.pdf": lambda: _rewritten(_motion(), lambda w: w.add_attachment("data.txt", b"embedded data")),
        "launch.pdf": lambda: _rewritten(_motion(), _open_action("/Launch", "/F", "calc.exe")),
        "malformed.pdf": lambda: _motion()[:180],
        "not-a-pdf.txt": lambda: b"These are notes in plain text, not a PDF.\n",
        "large.pdf": _motion,
    }
    return makers[name]()


SAMPLES = {
    "motion.pdf": "a valid one-page motion",
    "complaint.pdf": "a valid one-page complaint",
    "exhibit.pdf": "a valid one-page exhibit",
    "petition.pdf": "a valid one-page bankruptcy petition",
    "javascript.pdf": "a PDF with JavaScript (rejected)",
    "encrypted.pdf": "a password-protected PDF (rejected)",
    "embedded.pdf": "a PDF with an embedded file (rejected)",
    "launch.pdf": "a PDF with a launch action (rejected)",
    "malformed.pdf": "a damaged PDF (rejected)",
    "not-a-pdf.txt": "a text file (rejected: PDF only)",
    "large.pdf": "a PDF over every court's size limit (rejected)",
}


def load(reference: str, largest_limit_mb: int, *, samples_only: bool = False) -> Document:
    """`sample:NAME` or a path. `largest_limit_mb` sizes the large sample just past every limit.
    `samples_only` (a served classroom): a path is refused before it is looked at, so a trainee
    cannot learn anything about the server's files."""
    reference = (reference or "").strip()
    if not reference:
        raise invalid("Choose the PDF to file: a path, or a built-in sample such as sample:motion.pdf.")
    if samples_only and not reference.startswith(SAMPLE_PREFIX):
        raise invalid("In this class you file the built-in sample documents, not files: use one of "
                      f"{', '.join(SAMPLE_PREFIX + name for name in SAMPLES)}.")
    if reference.startswith(SAMPLE_PREFIX):
        name = reference[len(SAMPLE_PREFIX):]
        if name not in SAMPLES:
            raise invalid(f"There is no sample '{name}'. Samples: {', '.join(SAMPLES)}.")
        data = _sample_bytes(name)
        size = (largest_limit_mb + 1) * MB if name == "large.pdf" else len(data)
        return Document(name, data, size)
    try:
        path = Path(reference).expanduser()
        if not path.is_file():
            raise invalid(f"There is no file at {reference}. Check the path and try again.")
        size = path.stat().st_size
        with path.open("rb") as pdf:  # past every limit, its size is all that is judged: read its start only
            data = pdf.read() if size <= (largest_limit_mb + 1) * MB else pdf.read(64 * 1024)
    except (OSError, RuntimeError) as failure:  # unreadable, or ~user unknown
        raise invalid(f"The file {reference} cannot be read ({getattr(failure, 'strerror', None) or failure}). "
                      "Check the path and that you may read it, then try again.") from None
    return Document(path.name, data, size)


def rejection(document: Document, max_pdf_mb: float, court_name: str) -> str | None:
    """Why CM/ECF would refuse this document, with the fix; None when it is acceptable."""
    name = document.filename
    if not document.data.startswith(b"%PDF-"):
        return (
            f"'{name}' is not a PDF. CM/ECF accepts PDF documents only: save or print the document as a PDF, then "
            "attach that file."
        )
    if document.size > max_pdf_mb * MB:
        return (
            f"'{name}' is {document.size / MB:.1f} MB; {court_name} accepts PDFs of at most {max_pdf_mb:g} MB. Split it "
            f"into parts of at most {max_pdf_mb:g} MB and attach them, or scan at 200-300 dpi in black and white."
        )
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(document.data), strict=False)
        if reader.is_encrypted:
            return (
                f"'{name}' is encrypted or password-protected. Save a copy without the password and attach that copy."
            )
        findings = _scan(reader)
        len(reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError):
        return (
            f"'{name}': Document is malformed or contains code which may cause an external action (such as launching "
            "an application). This PDF document cannot be accepted. Re-create it: print it to a PDF printer (flatten it) "
            "and attach the new file."
        )
    if "javascript" in findings:
        return (
            f"'{name}' contains JavaScript, which CM/ECF rejects. Print it to a PDF printer (flatten it) to remove the "
            "script, then attach the new file."
        )
    if "launch" in findings:
        return (
            f"'{name}': Document is malformed or contains code which may cause an external action (such as launching "
            "an application). This PDF document cannot be accepted. Print it to a PDF printer (flatten it) and attach "
            "the new file."
        )
    if "embedded" in findings:
        return (
            f"'{name}' has files embedded inside it, which CM/ECF rejects. Remove them and file each one as its own "
            "PDF attachment."
        )
    return None


def _scan(reader: PdfReader) -> set[str]:
    """Walk the object graph from the trailer for scripts, launch actions and embedded files."""
    from pypdf.generic import IndirectObject

    found: set[str] = set()
    seen: set[tuple[int, int]] = set()
    stack = [reader.trailer]
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            node = node.get_object()
        if isinstance(node, dict):
            for name, value in node.items():
                if name in ("/JS", "/JavaScript"):
                    found.add("javascript")
                elif name == "/EmbeddedFiles" or (name == "/Type" and value == "/EmbeddedFile"):
                    found.add("embedded")
                elif name == "/S" and value == "/JavaScript":
                    found.add("javascript")
                elif name == "/S" and value == "/Launch":
                    found.add("launch")
                if name not in ("/Parent", "/P"):
                    stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)
    return found


def check(document: Document, max_pdf_mb: float, court_name: str) -> None:
    problem = rejection(document, max_pdf_mb, court_name)
    if problem:
        raise SimError(Code.PDF_REJECTED, problem)
