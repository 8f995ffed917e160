"""What BI tools and statisticians reach: read-only DuckDB, Parquet, PostgreSQL, docs, examples."""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from orchestration.cli.refresh import run_refresh

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ["whitepaper-2025-ch4.pdf", "takeoff-action-plan-2013.pdf", "intl-alliance-plan-2017.pdf"]


@pytest.fixture(scope="module")
def home(tmp_path_factory, extracted_samples):
    from conftest import SAMPLE_INBOX
    from orchestration.paths import WarehousePaths

    cache, _ = extracted_samples
    paths = WarehousePaths(tmp_path_factory.mktemp("bi") / "warehouse")
    paths.ensure()
    for name in SAMPLES:
        shutil.copy2(SAMPLE_INBOX / name, paths.inbox / name)
    for cached in cache.extracted.glob("*.json"):
        shutil.copy2(cached, paths.extracted / cached.name)
    res = run_refresh(paths, verbose=False)
    assert res.published, res.failures
    return paths


def _twbio(paths, *args, **kw):
    env = {**os.environ, "TWBIO_HOME": str(paths.home)}
    return subprocess.run([str(Path(sys.executable).with_name("twbio")), *args], capture_output=True, text=True,
                          env=env, timeout=600, **kw)


def test_bi_users_see_marts_with_comments(home):
    with duckdb.connect(str(home.published), read_only=True) as con:
        schemas = {r[0] for r in con.execute("select distinct schema_name from duckdb_tables()").fetchall()}
        assert {"marts", "raw", "audit"} <= schemas
        comment = con.execute("select comment from duckdb_columns() where schema_name = 'marts' "
                              "and table_name = 'fct_drug_review_performance' and column_name = 'cases'").fetchone()[0]
        assert "案件數" in comment
        with pytest.raises(duckdb.Error):
            con.execute("create table marts.x (a int)")  # read-only


def test_every_view_resolves_in_the_published_file_and_in_a_renamed_copy(home, tmp_path):
    """Views are built in a staging file and read in the published one, or in a copy a
    user archives under another name: DuckDB names a database after its file, so a view
    whose SQL names the database it was built in would break there."""
    copy = tmp_path / "twbio-archived-copy.duckdb"
    shutil.copy2(home.published, copy)
    for db in (home.published, copy):
        with duckdb.connect(str(db), read_only=True) as con:
            views = con.execute("select schema_name, view_name from duckdb_views() where not internal").fetchall()
            assert len(views) > 20
            broken = []
            for schema, view in views:
                try:
                    con.execute(f'select * from "{schema}"."{view}" limit 1').fetchall()
                except duckdb.Error as e:
                    broken.append(f"{db.name}: {schema}.{view}: {e}")
            assert not broken


def test_readers_keep_reading_during_a_refresh(home):
    reader = duckdb.connect(str(home.published), read_only=True)
    before = reader.execute("select run_id from audit.refreshes order by published_at desc limit 1").fetchone()[0]
    from conftest import SAMPLE_INBOX  # a new report, so that the refresh has work to do

    shutil.copy2(SAMPLE_INBOX / "intl-alliance-call-2025.pdf", home.inbox / "intl-alliance-call-2025.pdf")
    proc = subprocess.Popen([str(Path(sys.executable).with_name("twbio")), "refresh"],
                            env={**os.environ, "TWBIO_HOME": str(home.home)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    reads = 0
    while proc.poll() is None:
        assert reader.execute("select count(*) from marts.fct_product_approvals").fetchone()[0] > 0
        reads += 1
        time.sleep(0.2)
    assert proc.returncode == 0 and reads > 0
    assert reader.execute("select run_id from audit.refreshes order by published_at desc limit 1").fetchone()[0] == before  # its snapshot
    reader.close()
    with duckdb.connect(str(home.published), read_only=True) as fresh:  # reconnect: the new data
        runs = fresh.execute("select count(*) from audit.refreshes").fetchone()[0]
        assert runs == 2 and fresh.execute("select run_id from audit.refreshes order by published_at desc limit 1").fetchone()[0] != before


def test_parquet_exports_and_manifest(home):
    manifest = json.loads((home.exports / "manifest.json").read_text(encoding="utf-8"))
    assert "fct_product_approvals" in manifest["marts"]
    for name, meta in manifest["marts"].items():
        df = pd.read_parquet(home.exports / meta["file"])
        assert len(df) == meta["rows"], name
        assert [c["name"] for c in meta["schema"]] == list(df.columns)
    assert manifest["marts"]["fct_drug_review_performance"]["source_reports"] == ["whitepaper-2025-ch4"]


def test_query_command(home):
    res = _twbio(home, "query", "select year, cases from marts.fct_drug_review_performance "
                                "where review_type = 'nda' order by year", "--csv")
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines()[0] == "year,cases" and res.stdout.splitlines()[-1] == "2024,112"
    res = _twbio(home, "query", "delete from marts.dim_year")
    assert res.returncode != 0 and "read-only" in res.stderr.lower()


@pytest.mark.parametrize("example", sorted(p.name for p in (ROOT / "examples").glob("*.sql")))
def test_example_queries_run(home, example):
    res = _twbio(home, "query", (ROOT / "examples" / example).read_text(encoding="utf-8"))
    assert res.returncode == 0, res.stderr
    assert len(res.stdout.splitlines()) >= 3


def test_example_python_script_runs(home):
    res = subprocess.run([sys.executable, str(ROOT / "examples" / "rd_intensity_by_segment.py"), str(home.published)],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert "New drug development" in res.stdout


def test_postgres_publishing(home):
    url = os.environ.get("TWBIO_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("set TWBIO_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/test to run against PostgreSQL")
    import psycopg

    res = _twbio(home, "publish", "--postgres", url)
    assert res.returncode == 0, res.stderr
    reader_url = psycopg.conninfo.make_conninfo(url, user="twbio_reader")
    with psycopg.connect(reader_url) as pg, pg.cursor() as cur:
        cur.execute("select count(*) from twbio.fct_product_approvals")
        assert cur.fetchone()[0] > 0
        cur.execute("select col_description('twbio.fct_drug_review_performance'::regclass, 4)")
        assert "案件數" in cur.fetchone()[0]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            cur.execute("delete from twbio.fct_product_approvals")
    with psycopg.connect(url) as pg, pg.cursor() as cur:  # no half-published schemas left behind
        cur.execute("select count(*) from pg_namespace where nspname like 'twbio_new_%'")
        assert cur.fetchone()[0] == 0


def _chromium():
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found or os.geteuid() != 0 or not shutil.which("apt-get"):
        return found
    # the test set-up installs Debian's chromium when it can (root with apt)
    subprocess.run(["apt-get", "update", "-qq"], capture_output=True, timeout=600)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium"],
                   capture_output=True, timeout=900)
    return shutil.which("chromium")


def test_docs_site_loads_in_headless_chromium(home, tmp_path):
    res = _twbio(home, "docs")
    assert res.returncode == 0, res.stdout + res.stderr
    page = home.docs / "static_index.html"
    assert page.exists()
    browser = _chromium()
    if not browser:
        pytest.skip("headless Chromium not available (install Debian's chromium to run this check)")
    dom = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=15000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=180)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "fct_product_approvals" in dom.stdout and "fct_drug_review_performance" in dom.stdout
