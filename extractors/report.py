"""The public entry point: a PDF file in, an ExtractedReport out.

Pages are streamed one at a time and closed after use, so memory stays flat however
long the report; each page has a time budget and the file a page budget, so one
pathological content stream cannot stall a refresh.
"""

from __future__ import annotations

import hashlib
import logging
import re
import signal
import threading
import unicodedata
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from . import __version__
from .furniture import read_furniture
from .models import ExtractedReport, ExtractionError
from .page import PageHasNoText, analyse_page
from .prose import build_text_blocks
from .stitching import stitch

ProgressFn = Callable[[int, int], None]

DEFAULT_PAGE_SECONDS = 30.0
DEFAULT_MAX_PAGES = 5000


def file_sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def report_id_for(path: str | Path) -> str:
    """A report id from the file name: lower-case ASCII slug, or a hash for CJK-only names."""
    stem = unicodedata.normalize("NFKC", Path(path).stem)
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    if len(slug) > 80:  # a report id is a key in every table and a file name: keep it short
        slug = slug[:70].rstrip("-") + "-" + hashlib.sha1(stem.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    if len(slug) < 3:
        slug = (slug + "-" if slug else "report-") + hashlib.sha1(stem.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return slug


class PageTimeout(Exception):
    pass


@contextmanager
def _time_budget(seconds: float | None):
    """SIGALRM-based budget; only in the main thread (elsewhere the caller's process pool
    enforces a wall-clock limit instead)."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(signum, frame):
        raise PageTimeout()

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _check_header(path: Path) -> None:
    try:
        with open(path, "rb") as f:
            head = f.read(1024)
    except OSError as e:
        raise ExtractionError(str(path), f"cannot be read ({e.strerror})") from e
    if not head:
        raise ExtractionError(str(path), "is empty (0 bytes)")
    if b"%PDF-" not in head:
        kind = "an HTML page" if b"<html" in head.lower() or b"<!doctype" in head.lower() else "not a PDF"
        raise ExtractionError(str(path), f"is {kind} (no %PDF header)")


def extract_report(
    path: str | Path,
    *,
    report_id: str | None = None,
    progress: ProgressFn | None = None,
    page_seconds: float | None = DEFAULT_PAGE_SECONDS,
    max_pages: int = DEFAULT_MAX_PAGES,
) -> ExtractedReport:
    """Every table of the report, stitched across pages, with captions, units, notes and sources.

    Raises ExtractionError naming the file and the problem when the file is not a readable,
    text-bearing PDF.
    """
    path = Path(path)
    current = 0
    # pdfminer warns about every font descriptor it finds incomplete; the extraction's own
    # warnings say what matters
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    _check_header(path)
    sha = file_sha256(path)
    rid = report_id or report_id_for(path)
    page_results = []
    warnings: list[str] = []
    title = None
    furniture = read_furniture(str(path))
    try:
        with pdfplumber.open(str(path)) as pdf:
            n = len(pdf.pages)
            if n == 0:
                raise ExtractionError(str(path), "has no pages")
            if n > max_pages:
                raise ExtractionError(str(path), f"has {n} pages, more than the page budget of {max_pages}")
            textless = []
            current = 0
            for i in range(n):
                current = i + 1
                page = pdf.pages[i]
                try:
                    with _time_budget(page_seconds):
                        res = analyse_page(page, i + 1, furniture)
                        if title is None and i == 0:
                            title = (pdf.metadata or {}).get("Title") or _title(page)
                except PageHasNoText as e:
                    textless.append(str(e))
                    res = None
                except PageTimeout:
                    raise ExtractionError(str(path), f"page {i + 1} took longer than its {page_seconds:g} s budget")
                finally:
                    page.close()
                if res is not None:
                    page_results.append(res)
                if progress:
                    progress(i + 1, n)
            if textless and len(textless) == n:
                raise ExtractionError(str(path), textless[0] if n == 1 else
                                      f"none of its {n} pages has a text layer (scanned?); OCR is not supported")
            warnings.extend(textless)
    except ExtractionError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError) as e:
        raise ExtractionError(str(path), "is encrypted (password required)") from e
    except PdfminerException as e:
        inner = e.args[0] if e.args else e
        if isinstance(inner, PageTimeout):
            raise ExtractionError(str(path), f"page {current} took longer than its {page_seconds:g} s budget") from e
        if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise ExtractionError(str(path), "is encrypted (password required)") from e
        raise ExtractionError(str(path), f"is not a readable PDF ({type(inner).__name__}: {inner})") from e
    except (PDFSyntaxError, ValueError, KeyError, TypeError, AssertionError, RecursionError) as e:
        raise ExtractionError(str(path), f"is corrupt ({type(e).__name__}: {e})") from e
    prose = [line for res in page_results for line in res.prose]
    tables = stitch(page_results, rid)
    return ExtractedReport(
        report_id=rid, path=str(path), sha256=sha, pages=n, title=title,
        extractor_version=__version__, tables=tables, warnings=warnings,
        extracted_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        text_blocks=build_text_blocks(prose),
    )


def _title(page) -> str | None:
    """The largest text on the first page (cover title)."""
    words = page.extract_words(extra_attrs=["size"], keep_blank_chars=True)
    if not words:
        return None
    biggest = max(w["size"] for w in words)
    parts = [w["text"] for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])) if w["size"] >= biggest - 0.5]
    return re.sub(r"\s+", " ", " ".join(parts)).strip() or None
