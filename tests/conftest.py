import json
import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_INBOX = ROOT / "warehouse" / "inbox"
TRUTH_DIR = Path(__file__).parent / "fixtures" / "truth"
sys.path.insert(0, str(Path(__file__).parent))

os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")


@pytest.fixture(scope="session", autouse=True)
def shared_page_images(tmp_path_factory):
    """The sites of the test warehouses share their page images (named by file hash and
    page, so sharing is safe), as deployments may with TWBIO_PAGE_CACHE."""
    cache = tmp_path_factory.getbasetemp().parent / "page-images"
    os.environ.setdefault("TWBIO_PAGE_CACHE", str(cache))
    yield cache


def truth(report_id: str) -> dict:
    return json.loads((TRUTH_DIR / f"{report_id}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def extracted_samples(tmp_path_factory):
    """Every sample report extracted once per test session (the extraction cache layout)."""
    from orchestration.load import extract_one, scan_inbox
    from orchestration.paths import WarehousePaths

    home = tmp_path_factory.mktemp("extraction-cache")
    paths = WarehousePaths(home)
    paths.ensure()
    for pdf in SAMPLE_INBOX.glob("*.pdf"):
        shutil.copy2(pdf, paths.inbox / pdf.name)
    reports = {}
    for f in scan_inbox(paths).files:
        out = extract_one(paths, f)
        assert out.report is not None, out.error
        reports[f.report_id] = out.report
    return paths, reports


@pytest.fixture
def make_home(tmp_path, extracted_samples):
    """A fresh warehouse directory whose inbox holds the named sample reports, with the
    session's extraction cache (so tests do not re-extract the same bytes)."""
    from orchestration.paths import WarehousePaths

    cache_paths, _ = extracted_samples

    def _make(*report_files: str, name: str = "warehouse") -> WarehousePaths:
        paths = WarehousePaths(tmp_path / name)
        paths.ensure()
        for name in report_files:
            shutil.copy2(SAMPLE_INBOX / name, paths.inbox / name)
        for cached in cache_paths.extracted.glob("*.json"):
            shutil.copy2(cached, paths.extracted / cached.name)
        return paths

    return _make


@pytest.fixture(scope="session")
def published_whitepaper(tmp_path_factory, extracted_samples):
    """A warehouse with the white paper published once per session (copy it, don't change it)."""
    from orchestration.paths import WarehousePaths
    from orchestration.cli.refresh import run_refresh

    cache, _ = extracted_samples
    paths = WarehousePaths(tmp_path_factory.mktemp("published") / "warehouse")
    paths.ensure()
    shutil.copy2(SAMPLE_INBOX / "whitepaper-2025-ch4.pdf", paths.inbox / "whitepaper-2025-ch4.pdf")
    for cached in cache.extracted.glob("*.json"):
        shutil.copy2(cached, paths.extracted / cached.name)
    res = run_refresh(paths, verbose=False)
    assert res.published, res.failures
    return paths


@pytest.fixture
def published_copy(tmp_path, published_whitepaper):
    """A private copy of the published white-paper warehouse."""
    from orchestration.paths import WarehousePaths

    target = tmp_path / "warehouse"
    shutil.copytree(published_whitepaper.home, target, ignore=shutil.ignore_patterns(".lock"))
    return WarehousePaths(target)
