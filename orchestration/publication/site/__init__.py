"""The warehouse as a static site: every published number one click from the printed page.

`write_site` reads the published DuckDB file (the marts, `marts.fact_sources`, the audit
tables) and the inbox's PDFs, and writes plain HTML, CSS, JS and page images that work
opened from disk or from any static server (`twbio serve`).
"""

from .build import write_site

__all__ = ["write_site"]
