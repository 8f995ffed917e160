"""PDF table extraction for twbio (pdfplumber-based).

`extract_report(path)` returns every logical table of a report and its running text. Bump
__version__ when the output can change: the warehouse re-extracts every report whose
stored extractor version differs.

This module is the package's whole public API: the warehouse imports nothing else.
"""

__version__ = "1.39.0"

from .models import (  # noqa: E402
    Cell, ExtractedReport, ExtractedTable, ExtractionError, TextBlock, TextFigure,
)
from .cli import main as extract_cli  # noqa: E402
from .prose import split_sentences  # noqa: E402
from .report import DEFAULT_MAX_PAGES, DEFAULT_PAGE_SECONDS, extract_report, file_sha256, report_id_for  # noqa: E402
from .text import normalise_label  # noqa: E402

__all__ = [
    "Cell", "ExtractedReport", "ExtractedTable", "ExtractionError", "TextBlock", "TextFigure",
    "DEFAULT_MAX_PAGES", "DEFAULT_PAGE_SECONDS", "extract_cli", "extract_report", "file_sha256", "normalise_label",
    "report_id_for", "split_sentences", "__version__",
]
