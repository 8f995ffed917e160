"""What a warehouse is built from, as versions and content hashes.

Each stage's code version is what its tool says it is: the extractor's __version__, the
loader's LOADER_VERSION and the catalog's digest, dbt's own checksums of every node in
its manifest, a digest of the expectation suites' sources. A refresh whose inputs (the
inbox files and their extractions) and code versions are those of the published
warehouse has nothing to do.
"""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import version
from pathlib import Path

from expectations import suites_version
from extractors import __version__ as EXTRACTOR_VERSION

from ..catalog import Catalog
from ..load import cache_signature, raw_code_version
from ..paths import WarehousePaths
from .transform.project import MANIFEST_PATH


def dbt_code_version(manifest: dict | None = None) -> str:
    """dbt's checksums of every model, seed, test and macro, with the versions of dbt,
    its adapter and DuckDB (a model built by another version is built again)."""
    if manifest is None:
        manifest = json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))
    h = hashlib.sha256()
    for uid in sorted(manifest["nodes"]):
        h.update(f"{uid}\0{manifest['nodes'][uid].get('checksum', {}).get('checksum', '')}\n".encode())
    for uid in sorted(manifest.get("macros", {})):
        if uid.startswith("macro.twbio."):
            h.update(f"{uid}\0{manifest['macros'][uid].get('macro_sql', '')}\n".encode())
    for package in ("dbt-core", "dbt-duckdb", "duckdb"):
        h.update(f"{package}=={version(package)}\n".encode())
    return h.hexdigest()[:16]


def code_versions(catalog: Catalog) -> dict[str, str]:
    return {"extract": EXTRACTOR_VERSION, "load": raw_code_version(catalog), "transform": dbt_code_version(),
            "check": suites_version()}


def judging_version(catalog: Catalog) -> str:
    """What decided a report's fate after its extraction: the loader and catalog, the dbt
    models and the suites. A report held back is tried again when any of them changes."""
    versions = code_versions(catalog)
    versions.pop("extract")
    return hashlib.sha256(json.dumps(versions, sort_keys=True).encode()).hexdigest()[:16]


def refresh_fingerprint(paths: WarehousePaths, files: list[tuple[str, str]], catalog: Catalog) -> str:
    """`files`: (file name, sha256) of every inbox file the refresh reads; their
    extraction cache entries count too (a removed or rewritten entry means the warehouse
    must be rebuilt from it)."""
    h = hashlib.sha256(json.dumps(code_versions(catalog), sort_keys=True).encode())
    for name, sha in sorted(files):
        h.update(f"{name}\0{sha}\n".encode())
        h.update(cache_signature(paths, sha).encode())
    return h.hexdigest()


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
