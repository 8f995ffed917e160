"""What BI tools and statisticians reach: read-only DuckDB, Parquet, PostgreSQL, docs, examples."""

import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import numpy as np
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


def _twbio(paths, *args, env_extra=None, **kw):
    env = {**os.environ, "TWBIO_HOME": str(paths.home), **(env_extra or {})}
    return subprocess.run([str(Path(sys.executable).with_name("twbio")), *args], capture_output=True, encoding="utf-8",
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
    assert res.stdout.lstrip("\ufeff").splitlines()[0] == "year,cases" and res.stdout.splitlines()[-1] == "2024,112"
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
    assert "dbt: " in res.stdout  # dbt's progress, as it works
    page = home.docs / "static_index.html"
    assert page.exists()
    docs_manifest = json.loads((home.docs / "manifest.json").read_text(encoding="utf-8"))
    node = docs_manifest["nodes"]["model.twbio.fct_drug_review_performance"]
    assert node["relation_name"] == '"twbio"."marts"."fct_drug_review_performance"'  # as BI tools name it
    overview = next(d for d in docs_manifest["docs"].values() if d["name"] == "__overview__" and d["package_name"] == "twbio")
    assert "Tracing a number to its page" in overview["block_contents"]
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


# --- the edges of every user's own tool ---------------------------------------------------

def test_published_file_opens_in_the_duckdb_1x_cli(home, tmp_path):
    """BI drivers and the DuckDB CLI lag the Python wheel: the published file is written in
    a storage format DuckDB 1.x reads. The CLI comes from PyPI, for this test only."""
    cli_dir = tmp_path / "duckdb-cli"
    pip = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                          "--target", str(cli_dir), "duckdb-cli<2"], capture_output=True, text=True, timeout=600)
    if pip.returncode != 0:
        pytest.skip(f"the DuckDB CLI could not be installed from PyPI: {pip.stderr[-300:]}")
    cli = next((p for p in cli_dir.rglob("duckdb") if p.is_file() and os.access(p, os.X_OK)), None)
    assert cli is not None, sorted(str(p) for p in cli_dir.rglob("*"))[:50]
    version = subprocess.run([str(cli), "--version"], capture_output=True, text=True, timeout=60).stdout
    assert version.startswith("v1."), version
    res = subprocess.run([str(cli), "-readonly", "-csv", str(home.published), "-c",
                          "select year, cases from marts.fct_drug_review_performance where review_type = 'nda' "
                          "order by year desc limit 1"], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines()[-1] == "2024,112", res.stdout


def test_query_command_cannot_touch_the_machines_files(home, tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("a\nsecret\n", encoding="utf-8")
    written = tmp_path / "x.csv"
    res = _twbio(home, "query", f"copy (select 1 as a) to '{written}'")
    assert res.returncode != 0 and not written.exists()
    res = _twbio(home, "query", f"select * from read_csv('{outside}')")
    assert res.returncode != 0 and "secret" not in res.stdout
    res = _twbio(home, "query", "set enable_external_access = true")
    assert res.returncode != 0
    for sql in ("", "   ", "-- nothing here\n", "/* nor here */"):
        res = _twbio(home, "query", sql)
        assert res.returncode == 2 and "Traceback" not in res.stderr and "no SQL" in res.stderr, (sql, res.stderr)


def test_query_command_says_how_many_rows_it_did_not_show(home):
    res = _twbio(home, "query", "select * from marts.dim_year", "--max-rows", "5")
    assert res.returncode == 0, res.stderr
    with duckdb.connect(str(home.published), read_only=True) as con:
        total = con.execute("select count(*) from marts.dim_year").fetchone()[0]
    assert f"5 of {total} rows" in res.stdout


def test_csv_for_excel_and_numbers_for_pandas_and_r(home):
    res = _twbio(home, "query", "select year, amount_twd, unit_printed from marts.fct_industry_investment "
                                "where is_total order by year", "--csv")
    assert res.returncode == 0, res.stderr
    raw = res.stdout.encode("utf-8") if isinstance(res.stdout, str) else res.stdout
    assert raw.startswith("\ufeff".encode("utf-8"))  # Excel reads the Chinese as UTF-8
    body = res.stdout.lstrip("\ufeff").splitlines()
    assert body[0] == "year,amount_twd,unit_printed"
    year, amount, unit = body[-1].split(",")
    assert amount.isdigit() and "億元" in unit  # a whole number of TWD, not 55148000000.0
    manifest = json.loads((home.exports / "manifest.json").read_text(encoding="utf-8"))
    for name, meta in manifest["marts"].items():
        df = pd.read_parquet(home.exports / meta["file"])
        for col in (c for c in df.columns if c.endswith("_twd")):
            assert pd.api.types.is_numeric_dtype(df[col]), (name, col, df[col].dtype)
        csv = home.exports / meta["csv"]
        assert csv.read_bytes().startswith(b"\xef\xbb\xbf"), name
        back = pd.read_csv(csv, encoding="utf-8-sig")
        assert list(back.columns) == list(df.columns) and len(back) == len(df) == meta["rows"], name
        for col in (c for c in df.columns if c.endswith("_twd")):
            assert pd.api.types.is_numeric_dtype(back[col]), (name, col)
        listed = [c for c in df.columns if df[c].map(lambda v: isinstance(v, (list, tuple, np.ndarray))).any()]
        for col in listed:  # lists are written as text a spreadsheet shows, not Python reprs
            assert not back[col].dropna().astype(str).str.startswith("[").any(), (name, col)
        assert meta["source_reports"], name  # dimensions too: the reports of the facts that use them


def test_every_mart_column_is_in_both_languages_with_its_unit(home):
    with duckdb.connect(str(home.published), read_only=True) as con:
        cols = con.execute("select c.table_name, c.column_name, c.data_type, d.description, d.label_zh, d.unit "
                           "from duckdb_columns() c left join audit.mart_columns d "
                           "on d.mart = c.table_name and d.column_name = c.column_name "
                           "where c.schema_name = 'marts'").fetchall()
        money = con.execute("select target_unit_zh, target_unit, target_value / target_value_printed "
                            "from marts.fct_plan_targets where target_unit_zh in ('仟元', '千元', '萬元', '億元')").fetchall()
    missing = [(t, c) for t, c, _, desc, zh, _ in cols if not desc or not zh or not any("\u4e00" <= ch <= "\u9fff" for ch in zh)]
    assert not missing, missing
    numeric = ("INTEGER", "BIGINT", "DOUBLE", "DECIMAL", "HUGEINT", "SMALLINT")
    no_unit = [(t, c) for t, c, typ, _, _, unit in cols if typ.upper().startswith(numeric) and not unit]
    assert not no_unit, no_unit
    assert all(not any("\u4e00" <= ch <= "\u9fff" for ch in (unit or "")) for *_, unit in cols)
    # money targets in TWD, as every other mart (the printed number and unit beside them)
    assert money and all(u == "TWD" and ratio in (1e3, 1e4, 1e8) for _, u, ratio in money), money


def test_quality_pages_work_offline_and_tell_warnings_from_failures(home, tmp_path):
    import re

    index = home.quality / "index.html"
    text = index.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", text)
    pages = sorted(home.quality.glob("*.html"))
    run_pages = [p for p in pages if p.name != "index.html"]
    assert run_pages
    for p in pages:
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", p.read_text(encoding="utf-8")), p.name
    with duckdb.connect(str(home.published), read_only=True) as con:
        run_id = con.execute("select run_id from audit.refreshes order by published_at desc limit 1").fetchone()[0]
        warnings = con.execute("select count(*) from audit.validation_results where run_id = ? and not success "
                               "and severity <> 'blocking'", [run_id]).fetchone()[0]
        passed = con.execute("select count(*) from audit.validation_results where run_id = ? and success",
                             [run_id]).fetchone()[0]
    browser = _chromium()
    if not browser:
        pytest.skip("headless Chromium not available (install Debian's chromium to run this check)")
    dom = _offline_dom(browser, index, tmp_path)
    assert run_id in dom
    page = next(p for p in run_pages if run_id in p.name)
    dom = _offline_dom(browser, page, tmp_path)
    assert run_id in dom and f"{warnings} warnings" in dom and f"{passed} passed" in dom
    assert dom.count('class="warning-row"') == warnings and "0 failed (blocking)" in dom
    if warnings:
        assert "44.7" in dom  # the white paper's own inconsistency (44.47 vs 44.7 億元) is a warning


def _offline_dom(browser, page, tmp_path) -> str:
    """The page as headless Chromium renders it with every network name unresolvable."""
    dom = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND",
         "--proxy-server=127.0.0.1:9", f"--user-data-dir={tmp_path / 'offline-profile'}",
         "--virtual-time-budget=5000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=180)
    assert dom.returncode == 0, dom.stderr[-2000:]
    return dom.stdout


def _pg_url():
    url = os.environ.get("TWBIO_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("set TWBIO_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/test to run against PostgreSQL")
    return url


def test_postgres_publication_never_blocks_readers_nor_drops_their_views(home):
    """A reader in the middle of a transaction, and an analyst's view on a mart: a
    publication replaces the rows under both (MVCC) without waiting and without dropping."""
    import psycopg

    url = _pg_url()
    res = _twbio(home, "publish", "--postgres", url)
    assert res.returncode == 0, res.stderr
    with psycopg.connect(url, autocommit=True) as pg:
        pg.execute("create schema if not exists analyst")
        pg.execute("create or replace view analyst.nda_by_year as select year, cases "
                   "from twbio.fct_drug_review_performance where review_type = 'nda'")
    reader = psycopg.connect(url)  # a transaction left open, as a BI tool's session does
    before = reader.execute("select count(*) from twbio.dim_year").fetchone()[0]
    env = {"TWBIO_POSTGRES_LOCK_TIMEOUT": "20"}
    res = _twbio(home, "publish", "--postgres", url, env_extra=env)
    assert res.returncode == 0, res.stderr
    assert reader.execute("select count(*) from twbio.dim_year").fetchone()[0] == before
    reader.rollback()
    reader.close()
    with psycopg.connect(url) as pg:
        assert pg.execute("select cases from analyst.nda_by_year where year = 2024").fetchone()[0] == 112
        pg.execute("drop schema analyst cascade")
        pg.commit()


def test_postgres_lock_that_cannot_be_had_fails_clearly_and_keeps_the_publication(home):
    import psycopg

    url = _pg_url()
    assert _twbio(home, "publish", "--postgres", url).returncode == 0
    with psycopg.connect(url) as pg:
        before = pg.execute("select count(*) from twbio.fct_product_approvals").fetchone()[0]
    holder = psycopg.connect(url)
    holder.execute("lock table twbio.fct_product_approvals in access exclusive mode")
    try:
        res = _twbio(home, "publish", "--postgres", url, env_extra={"TWBIO_POSTGRES_LOCK_TIMEOUT": "2"})
    finally:
        holder.rollback()
        holder.close()
    assert res.returncode == 1, res.stdout + res.stderr
    assert "Traceback" not in res.stderr and "twbio.fct_product_approvals" in res.stderr and "2 s" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    with psycopg.connect(url) as pg:
        assert pg.execute("select count(*) from twbio.fct_product_approvals").fetchone()[0] == before


def test_postgres_keys_statistics_and_reader_search_path(home):
    import psycopg

    url = _pg_url()
    assert _twbio(home, "publish", "--postgres", url).returncode == 0
    with psycopg.connect(url) as pg:
        pk = pg.execute("select array_agg(a.attname order by k.i) from pg_constraint c "
                        "cross join unnest(c.conkey) with ordinality k(n, i) "
                        "join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n "
                        "where c.conrelid = 'twbio.fct_drug_review_performance'::regclass and c.contype = 'p'").fetchone()[0]
        assert pk == ["year", "review_type"]
        fks = {r[0] for r in pg.execute("select confrelid::regclass::text from pg_constraint "
                                         "where conrelid = 'twbio.fct_drug_review_performance'::regclass "
                                         "and contype = 'f'").fetchall()}
        assert {"twbio.dim_year", "twbio.dim_report"} <= fks
        analyzed = pg.execute("select count(*) from pg_stat_user_tables where schemaname = 'twbio' "
                              "and last_analyze is null").fetchone()[0]
        assert analyzed == 0
    reader = psycopg.conninfo.make_conninfo(url, user="twbio_reader")
    with psycopg.connect(reader) as pg:
        assert pg.execute("select count(*) from dim_year").fetchone()[0] > 0  # no schema needed


def test_postgres_bad_url_or_refused_connection_is_one_line(home):
    for url in ("postgresql://nobody@127.0.0.1:1/nothing", "postgres://[bad"):
        res = _twbio(home, "publish", "--postgres", url)
        assert res.returncode == 1, res.stdout + res.stderr
        assert "Traceback" not in res.stderr and len(res.stderr.strip().splitlines()) == 1, res.stderr


# --- the site: every number one click from its printed page ---------------------------------

ARTEFACTS = Path(os.environ.get("TWBIO_TEST_ARTEFACTS", ROOT / "tests" / "artefacts"))


def _rows_with_links(page: Path) -> list[tuple[str, list[str]]]:
    """(the row's source link, its cells' text) for every row of a mart page's row table."""
    import html
    import re

    text = page.read_text(encoding="utf-8")
    body = text[text.index('<table class="rows'):]
    out = []
    for tr in re.findall(r"<tr>(.*?)</tr>", body[body.index("<tbody>"):], flags=re.S):
        cells = [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", tr, flags=re.S)]
        link = re.search(r'href="([^"]+)"', tr)
        out.append((html.unescape(link.group(1)) if link else "", cells))
    return out


def _follow(page: Path, href: str) -> str:
    from urllib.parse import urljoin

    return urljoin(page.as_uri(), href)


def _browser_dom(url: str, tmp_path: Path, screenshot: Path | None = None) -> str:
    browser = _chromium()
    if not browser:
        pytest.skip("headless Chromium not available (install Debian's chromium to run the site checks)")
    common = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
              "--disable-background-networking", "--disable-component-update", f"--user-data-dir={tmp_path / 'profile'}",
              "--virtual-time-budget=10000", "--window-size=1200,1500"]
    dom = subprocess.run(common + ["--dump-dom", url], capture_output=True, text=True, timeout=180)
    assert dom.returncode == 0, dom.stderr[-2000:]
    if screenshot is not None:
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        shot = subprocess.run(common + [f"--screenshot={screenshot}", url], capture_output=True, text=True, timeout=180)
        assert shot.returncode == 0 and screenshot.exists(), shot.stderr[-2000:]
    return dom.stdout


def _highlighted_value_boxes(dom: str) -> list[tuple[int, tuple[float, float, float, float]]]:
    """(page, box in PDF points) of every box the browser shows as the selected value,
    read back from where the page draws it (its position on the page image, in percent)."""
    import re

    out = []
    for fig in re.findall(r'<figure class="page"(.*?)</figure>', dom, flags=re.S):
        head = re.match(r'\s*data-page="(\d+)" data-width="([\d.]+)" data-height="([\d.]+)"', fig)
        page, w, h = int(head.group(1)), float(head.group(2)), float(head.group(3))
        for tag in re.findall(r"<div [^>]*>", fig):
            classes = re.search(r'class="([^"]*)"', tag).group(1).split()
            if "box" not in classes or "hl" not in classes or "value" not in classes:
                continue
            style = dict(re.findall(r"(left|top|width|height):\s*([\d.]+)%", tag))
            x0, top = float(style["left"]) * w / 100, float(style["top"]) * h / 100
            out.append((page, (x0, top, x0 + float(style["width"]) * w / 100, top + float(style["height"]) * h / 100)))
    return out


def _printed(pdf_path: Path, page: int, text: str) -> list[list[dict]]:
    """Every place `text` is printed on the page: its characters (spaces aside)."""
    import pdfplumber

    with pdfplumber.open(pdf_path) as pdf:
        chars = [c for c in pdf.pages[page - 1].chars if c["text"].strip()]
    joined, owner = "", []  # a glyph may print several characters (a ligature)
    for c in chars:
        joined += c["text"]
        owner += [c] * len(c["text"])
    out, start = [], joined.find(text)
    while start >= 0:
        out.append(list({id(c): c for c in owner[start:start + len(text)]}.values()))
        start = joined.find(text, start + 1)
    return out


def _inside(chars: list[dict], box, pad: float = 0.5) -> bool:
    x0, top, x1, bottom = box
    return all(x0 - pad <= c["x0"] and c["x1"] <= x1 + pad and top - pad <= c["top"] and c["bottom"] <= bottom + pad
               for c in chars)


def _red_pixels(png: Path) -> int:
    from PIL import Image

    r, g, b = (band.point(lambda v, lo=lo, hi=hi: 255 if lo <= v <= hi else 0)
               for band, (lo, hi) in zip(Image.open(png).convert("RGB").split(), [(191, 255), (0, 79), (0, 79)]))
    from PIL import ImageChops

    return ImageChops.multiply(ImageChops.multiply(r, g), b).histogram()[255]


def test_site_links_a_table_fact_to_its_printed_cell(home, tmp_path):
    site = home.site
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "fct_drug_review_performance" in index and "藥品審查案件與時效" in index  # EN and ZH
    page = site / "marts" / "fct_drug_review_performance.html"
    with duckdb.connect(str(home.published), read_only=True) as con:
        columns = [r[0] for r in con.execute("select column_name from information_schema.columns where "
                                             "table_schema = 'marts' and table_name = 'fct_drug_review_performance' "
                                             "order by ordinal_position").fetchall()]
    rows = _rows_with_links(page)
    assert all(link for link, _ in rows)  # every row leads to its source
    link, cells = next((link, cells) for link, cells in rows
                       if cells[1 + columns.index("year")] == "2024" and cells[1 + columns.index("review_type")] == "nda")
    assert cells[1 + columns.index("cases")] == "112"
    shot = ARTEFACTS / "source-view-table-4-11-nda-2024.png"
    dom = _browser_dom(_follow(page, link), tmp_path, screenshot=shot)
    assert "表 4-11" in dom and "件數、天、%" in dom and "資料來源" in dom  # caption, unit, source line
    boxes = _highlighted_value_boxes(dom)
    assert boxes, "no highlighted value cell"
    pdf = home.inbox / "whitepaper-2025-ch4.pdf"
    places = {p: _printed(pdf, p, "112") for p in {p for p, _ in boxes}}
    hits = [(p, b) for p, b in boxes if any(_inside(chars, b) for chars in places[p])]
    assert len(hits) == 1, (boxes, places)  # 112 in exactly one highlighted value cell
    # ... whose other highlighted value cells are the row's other measures, not 2023's
    printed_in = {p: _printed(pdf, p, "118") for p in places}
    assert not any(_inside(chars, b) for p, b in boxes for chars in printed_in[p])
    assert _red_pixels(shot) > 200  # the highlight is drawn


def test_site_links_a_prose_fact_to_its_sentence(home, tmp_path):
    page = home.site / "marts" / "fct_industry_investment.html"
    with duckdb.connect(str(home.published), read_only=True) as con:
        columns = [r[0] for r in con.execute("select column_name from information_schema.columns where "
                                             "table_schema = 'marts' and table_name = 'fct_industry_investment' "
                                             "order by ordinal_position").fetchall()]
    link, cells = next((link, cells) for link, cells in _rows_with_links(page)
                       if cells[1 + columns.index("year")] == "2024" and cells[1 + columns.index("segment_code")] == "biotech_industry")
    assert cells[1 + columns.index("amount_printed")] == "551.48"
    shot = ARTEFACTS / "source-view-statement-551.48.png"
    dom = _browser_dom(_follow(page, link), tmp_path, screenshot=shot)
    boxes = _highlighted_value_boxes(dom)
    pdf = home.inbox / "whitepaper-2025-ch4.pdf"
    assert any(_inside(chars, b) for p, b in boxes for chars in _printed(pdf, p, "551.48")), boxes
    assert 'class="box sentence hl' in dom  # the rest of the sentence is highlighted too
    assert _red_pixels(shot) > 100


def test_site_links_quality_findings_to_what_they_are_about(home, tmp_path):
    """The 44.47 vs 44.7 億元 warning names the sentences that print the two values."""
    index = home.site / "index.html"
    dom = _browser_dom(index.as_uri(), tmp_path)
    assert "warning" in dom and "prose_figures_consistent" in dom
    import re

    links = re.findall(r'href="(sources/[^"]*statement-[^"]*#figure=[^"]*)"', dom)
    assert links, "the prose finding links no sentence"
    # every link of the site resolves to a file of the site (it works opened from disk)
    site = home.site
    for f in site.rglob("*.html"):
        for href in re.findall(r'(?:href|src)="([^"#:]+)', f.read_text(encoding="utf-8")):
            assert (f.parent / href).resolve().exists(), (f, href)
    assert not re.search(r'(?:href|src)="(?:https?:)?//', "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html")))


def test_site_reuses_page_images_of_unchanged_reports(home, tmp_path, monkeypatch):
    import pdfplumber.page

    from orchestration.publication import write_site

    out = tmp_path / "site"
    shutil.copytree(home.site, out)
    before = {p.name for p in (out / "pages").glob("*.png")}
    monkeypatch.delenv("TWBIO_PAGE_CACHE", raising=False)

    def no_rendering(*a, **k):
        raise AssertionError("an unchanged report's page was rendered again")

    monkeypatch.setattr(pdfplumber.page.Page, "to_image", no_rendering)
    summary = write_site(home.published, home.inbox, out)
    assert {p.name for p in (out / "pages").glob("*.png")} == before and summary["pages_without_image"] == 0
    # a report gone from the inbox keeps its views, without the images it can no longer draw
    empty = tmp_path / "inbox"
    empty.mkdir()
    summary = write_site(home.published, empty, tmp_path / "site2")
    assert summary["page_images"] == 0 and summary["pages_without_image"] > 0
    assert "no longer in the inbox" in (tmp_path / "site2" / "sources" / "whitepaper-2025-ch4" /
                                        "table-4-11.html").read_text(encoding="utf-8")


@contextlib.contextmanager
def _twbio_serve(home, **popen):
    """`twbio serve` of the warehouse's site on a free port: (process, base URL). It must
    stop within 10 s once told to, and is never left running after the test."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "TWBIO_HOME": str(home.home)}
    proc = subprocess.Popen([str(Path(sys.executable).with_name("twbio")), "serve", "--port", str(port)], env=env,
                            **popen)
    try:
        yield proc, f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        finally:
            # never leave a server behind for the tests after this one to find
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def _fetch(url: str, proc, seconds: float) -> tuple[int, str] | None:
    """(status, text) of `url` once the server answers; None if it exits or does not
    answer within `seconds`."""
    import urllib.request

    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                return r.status, r.read().decode("utf-8")
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                return None
            time.sleep(0.1)


def test_serve_command_serves_the_site(home):
    with _twbio_serve(home, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as (proc, base):
        page = _fetch(f"{base}/marts/fct_drug_review_performance.html", proc, seconds=10)
        if page is None:
            pytest.fail("twbio serve did not answer: " + (proc.stderr.read() if proc.poll() is not None else ""))
        status, text = page
        assert status == 200 and "藥品審查案件與時效" in text


def test_serve_stops_on_sigterm_even_where_its_parent_ignores_it(home):
    # a parent that ignores SIGTERM (some schedulers and test runners do) hands that
    # disposition down to what it starts: the server must still stop when told to
    import signal

    with _twbio_serve(home, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                      preexec_fn=lambda: signal.signal(signal.SIGTERM, signal.SIG_IGN)) as (proc, base):
        page = _fetch(f"{base}/", proc, seconds=60)
        assert page is not None and page[0] == 200, "twbio serve did not answer"
        proc.terminate()
        assert proc.wait(timeout=30) == 0


def test_mart_page_rows_filter_and_sort_in_the_browser(home, tmp_path):
    """The filter box and the column headers, driven by a shared view link
    (#filter=…&sort=…&dir=desc), as the browser runs the page's script."""
    import re

    page = home.site / "marts" / "fct_drug_review_performance.html"
    dom = _browser_dom(page.as_uri() + "#filter=nda&sort=year&dir=desc", tmp_path)
    body = dom[dom.index('<table class="rows'):]
    rows = re.findall(r"<tr( hidden=\"\")?>(.*?)</tr>", body[body.index("<tbody>"):], flags=re.S)
    shown = [[re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", tr, flags=re.S)]
             for hidden, tr in rows if not hidden]
    assert len(rows) == 10 and len(shown) == 5
    assert all("nda" in cells for cells in shown)
    years = [int(cells[1]) for cells in shown]  # the first column after the source link
    assert years == sorted(years, reverse=True) == [2024, 2023, 2022, 2021, 2020]
    assert "5 of 10 rows" in dom
