"""A document's edition, read from what it prints: the year in its title or on its cover,
in AD (2026) or ROC form (115年, 中華民國115年), and the publication date where printed
(中華民國106年7月, 2025年4月).

A document whose edition cannot be read has none: it is loaded, flagged, and never wins
over a dated edition of its family.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from extractors import ExtractedReport

ROC_OFFSET = 1911  # ROC year 1 = 1912

_AD_MONTH = re.compile(r"((?:19|20)\d{2})\s*[年./-]\s*(\d{1,2})\s*月?")
_ROC_MONTH = re.compile(r"(?:中華民國|民國)?\s*(\d{2,3})\s*年\s*(\d{1,2})\s*月")
_AD_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_ROC_YEAR = re.compile(r"(?:中華民國|民國)\s*(\d{2,3})\s*年|(?<!\d)(\d{3})\s*年")


@dataclass(frozen=True)
class Edition:
    year: int | None
    published_on: date | None  # the first of the month printed, where one is
    evidence: str  # what was read, and where: "title: 2025 生技產業白皮書"

    @property
    def known(self) -> bool:
        return self.year is not None


def _plausible(year: int) -> bool:
    return 1990 <= year <= date.today().year + 1


def _month(text: str) -> date | None:
    for pattern, offset in ((_AD_MONTH, 0), (_ROC_MONTH, ROC_OFFSET)):
        for m in pattern.finditer(text):
            year, month = int(m.group(1)) + offset, int(m.group(2))
            if _plausible(year) and 1 <= month <= 12:
                return date(year, month, 1)
    return None


def _year(text: str) -> int | None:
    for m in _AD_YEAR.finditer(text):
        if _plausible(int(m.group(1))):
            return int(m.group(1))
    for m in _ROC_YEAR.finditer(text):
        year = int(m.group(1) or m.group(2)) + ROC_OFFSET
        if _plausible(year):
            return year
    return None


def read_edition(report: ExtractedReport) -> Edition:
    """The title's year first (the edition a document names itself by), else the cover's
    (its first page's headings, then its text); the publication date from the cover."""
    cover_blocks = [b for b in report.text_blocks if b.page == 1]
    cover = " ".join(b.text for b in sorted(cover_blocks, key=lambda b: b.kind != "heading"))
    published = _month(cover)
    title = report.title or ""
    year = _year(title)
    if year is not None:
        return Edition(year, published if published and published.year >= year - 1 else None, f"title: {title}")
    if published is not None:
        return Edition(published.year, published, f"cover: {published:%Y-%m}")
    year = _year(cover)
    if year is not None:
        return Edition(year, None, "cover")
    return Edition(None, None, "no year printed in the title or on the cover")
