"""PDF table extraction for twbio (pdfplumber-based).

`extract_report(path)` returns every logical table of a report. Bump __version__ when
the output can change: the warehouse re-extracts every report whose stored extractor
version differs.
"""

__version__ = "1.3.3"

from .models import Cell, ExtractedReport, ExtractedTable, ExtractionError  # noqa: E402
from .report import extract_report, file_sha256, report_id_for  # noqa: E402

__all__ = [
    "Cell", "ExtractedReport", "ExtractedTable", "ExtractionError",
    "extract_report", "file_sha256", "report_id_for", "__version__",
]
