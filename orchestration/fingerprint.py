"""What a published warehouse was built from: the inbox files and the code that read them.

A refresh whose fingerprint equals the published one has nothing to do: the same bytes,
read by the same extractor, catalog, dbt project and suites.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from extractors import __version__ as EXTRACTOR_VERSION

from .paths import DBT_PROJECT_DIR, PROJECT_ROOT

_CODE = [
    (DBT_PROJECT_DIR, ("models", "macros", "seeds", "tests", "dbt_project.yml")),
    (PROJECT_ROOT / "orchestration", ("catalog", "catalog.py", "statements.py", "raw_load.py")),
    (PROJECT_ROOT, ("expectations",)),
]


# what turns an extraction into raw rows: a raw layer written by the same code can be
# carried into the next build report by report
_RAW_CODE = [(PROJECT_ROOT / "orchestration", ("catalog", "catalog.py", "statements.py", "raw_load.py"))]


def code_fingerprint(code=None) -> str:
    h = hashlib.sha256(EXTRACTOR_VERSION.encode())
    for base, parts in code or _CODE:
        for part in parts:
            root = base / part
            files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []
            for f in files:
                if "__pycache__" in f.parts:
                    continue
                h.update(str(f.relative_to(PROJECT_ROOT)).encode())
                h.update(f.read_bytes())
    return h.hexdigest()


# what turns the raw layer into models: a model built by the same project, dbt, adapter
# and DuckDB from unchanged raw relations can be carried into the next build
_DBT_CODE = [(DBT_PROJECT_DIR, ("models", "macros", "seeds", "tests", "dbt_project.yml", "profiles.yml"))]


def raw_fingerprint() -> str:
    return code_fingerprint(_RAW_CODE)


def dbt_fingerprint() -> str:
    from importlib.metadata import version

    h = hashlib.sha256(code_fingerprint(_DBT_CODE + _RAW_CODE).encode())
    for package in ("dbt-core", "dbt-duckdb", "duckdb"):
        h.update(f"{package}=={version(package)}\n".encode())
    return h.hexdigest()


def refresh_fingerprint(files: list[tuple[str, str]], extracted: Path) -> str:
    """files: (file name, sha256) of every inbox file the refresh reads; `extracted`: the
    extraction cache, whose entries for those files count too (a removed or rewritten
    cache entry means the warehouse must be rebuilt from it)."""
    h = hashlib.sha256(code_fingerprint().encode())
    for name, sha in sorted(files):
        h.update(f"{name}\0{sha}\n".encode())
        h.update(cache_signature(extracted, sha).encode())
    return h.hexdigest()


def cache_signature(extracted: Path, sha: str) -> str:
    """The extraction cache entries of one file as they are now (name, size, mtime)."""
    out = ""
    for entry in sorted(extracted.glob(f"{sha}-v{EXTRACTOR_VERSION}*")):
        st = entry.stat()
        out += f"{entry.name}\0{st.st_size}\0{st.st_mtime_ns}\n"
    return out


def published_fingerprint(published: Path) -> str | None:
    if not published.exists():
        return None
    import duckdb

    try:
        with duckdb.connect(str(published), read_only=True) as con:
            row = con.execute("select fingerprint from audit.refreshes order by published_at desc limit 1").fetchone()
    except duckdb.Error:
        return None
    return row[0] if row else None
