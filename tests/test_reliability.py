"""Bad input, crashes and concurrency never cost data."""

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from conftest import SAMPLE_INBOX
from fixtures.make_bad_inputs import build as build_bad_inputs
from orchestration.cli.refresh import WarehouseNotWritable, exit_status, run_refresh

WHITEPAPER = "whitepaper-2025-ch4.pdf"
TWBIO = str(Path(sys.executable).with_name("twbio"))


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _published_is_good(paths):
    with duckdb.connect(str(paths.published), read_only=True) as con:
        assert con.execute("select count(*) from marts.fct_drug_review_performance").fetchone()[0] == 10
        return con.execute("select count(*) from audit.refreshes").fetchone()[0]


def test_every_bad_input_is_quarantined_and_the_rest_is_published(make_home, monkeypatch):
    paths = make_home(WHITEPAPER)
    expected = build_bad_inputs(paths.inbox)
    monkeypatch.setenv("TWBIO_PAGE_SECONDS", "1")  # the slow page takes seconds
    monkeypatch.setenv("TWBIO_MAX_PAGES", "1000")  # the huge file has 2000
    monkeypatch.setenv("TWBIO_FILE_SECONDS", "20")  # the page-label loop never ends
    monkeypatch.setenv("TWBIO_FILE_MEMORY_MB", "512")  # the deflate bomb inflates to 1.5 GB

    res = run_refresh(paths, verbose=False)
    assert res.published, res.failures
    with duckdb.connect(str(paths.published), read_only=True) as con:
        status = {r[0]: (r[1], r[2]) for r in con.execute("select file_name, status, error from raw.documents").fetchall()}
        assert con.execute("select count(*) from marts.fct_drug_review_performance").fetchone()[0] == 10
        mismatched = con.execute("select dataset, warnings from raw.tables t join raw.documents d using (report_id) "
                                 "where d.file_name = 'mismatched-columns.pdf'").fetchone()
    for name, problem in expected.items():
        assert name in status, name
        if problem is None:
            assert status[name][0] == "loaded", (name, status[name])
            continue
        assert status[name][0] == "quarantined", (name, status[name])
        error_file = paths.quarantine / f"{name}.error.txt"
        text = error_file.read_text(encoding="utf-8")
        assert name in text and re.search(problem, text), (name, text)
        assert (paths.quarantine / name).exists()
    # the table whose header does not match the catalog is kept in raw only, loudly
    assert mismatched[0] is None and any("not loaded into raw.whitepaper__drug_reviews" in w for w in mismatched[1])
    assert sum(1 for p in expected.values() if p) == 11

    # a second refresh does not try the bad files again (their failure is cached)
    again = run_refresh(paths, verbose=False)
    assert again.success and again.metadata["extraction"]["extracted"] == 0
    assert not _worker_processes()  # every extraction worker is gone


def _worker_processes() -> list[str]:
    """Processes whose parent is init and whose command line is this interpreter's: an
    extraction worker orphaned by a killed refresh."""
    out = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
            cmd = (status.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if fields.get("PPid", "").strip() == "1" and sys.executable in cmd and "twbio" in cmd:
            out.append(cmd)
    return out


def test_odd_names_and_links_in_the_inbox_are_handled_and_reported(make_home):
    paths = make_home("intl-alliance-call-2025.pdf")
    inbox = paths.inbox
    bad = b"<html><body>not a report</body></html>"
    odd = [os.fsdecode(b"report-\xff\xfe.pdf"), "x" * 246 + ".pdf", "two\nlines.pdf", "--help.pdf"]
    for i, name in enumerate(odd):
        (inbox / name).write_bytes(bad + str(i).encode())  # each its own bytes: no duplicates
    os.symlink("/etc/passwd", inbox / "passwd.pdf")
    os.symlink(inbox / "gone.pdf", inbox / "dangling.pdf")
    (inbox / "folder.pdf").mkdir()
    (inbox / "sub").mkdir()
    (inbox / "notes.txt").write_text("not a pdf")

    res = run_refresh(paths, verbose=False)
    assert res.published, res.failures
    summary = "\n".join(res.summary_lines(paths))
    for shown, reason in (("passwd.pdf", "outside the inbox"), ("dangling.pdf", "does not exist"),
                          ("folder.pdf", "a directory"), ("sub", "a directory"), ("notes.txt", "not named .pdf")):
        assert f"skipped: {shown}: " in summary and reason in summary, (shown, summary)
    # nothing from outside the inbox is read or copied
    assert not any(b"root:" in p.read_bytes() for p in paths.quarantine.iterdir() if p.is_file())
    with duckdb.connect(str(paths.published), read_only=True) as con:
        docs = dict(con.execute("select file_name, status from raw.documents").fetchall())
    assert docs.pop("intl-alliance-call-2025.pdf") == "loaded"
    assert sorted(docs) == sorted(["report-\\xff\\xfe.pdf", "x" * 246 + ".pdf", "two\\nlines.pdf", "--help.pdf"])
    assert set(docs.values()) == {"quarantined"}
    errors = sorted(paths.quarantine.glob("*.error.txt"))
    assert len(errors) == 4 and all(len(os.fsencode(e.name)) < 255 for e in errors)
    assert any("report-\\xff\\xfe.pdf: is an HTML page" in e.read_text(encoding="utf-8") for e in errors)
    # and the next refresh has nothing new to do
    assert run_refresh(paths, verbose=False).noop


def _refresh_proc(paths, extra_env=None):
    env = {**os.environ, "TWBIO_HOME": str(paths.home), **(extra_env or {})}
    return subprocess.Popen([TWBIO, "refresh"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)


@pytest.mark.parametrize("marker", [
    "extracting",                   # during extraction
    "building the warehouse",       # raw load
    "START sql",                    # dbt build
    "[validated_warehouse]",        # after the checks, before or during publication
])
def test_sigkill_at_any_stage_keeps_the_published_warehouse(published_copy, marker):
    paths = published_copy
    refreshes = _published_is_good(paths)
    # new bytes (a trailing PDF comment), so it is not in the extraction cache
    data = (SAMPLE_INBOX / "intl-alliance-call-2025.pdf").read_bytes() + b"\n% a new edition\n"
    (paths.inbox / "new-report.pdf").write_bytes(data)

    proc = _refresh_proc(paths)
    seen = []
    for line in proc.stdout:
        seen.append(line)
        if marker in line:
            os.killpg(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "".join(seen[-20:])

    after = _published_is_good(paths)  # openable, last published data
    assert after in (refreshes, refreshes + 1)
    res = run_refresh(paths, verbose=False)  # the next refresh completes and cleans up
    assert res.published, res.failures
    assert not [p for p in paths.staging.iterdir() if p.name.startswith("build-")]
    assert _published_is_good(paths) == after + 1


def _processes_of(home: Path) -> list[str]:
    """Live processes working on this warehouse (TWBIO_HOME in their environment)."""
    out = []
    for env in Path("/proc").glob("[0-9]*/environ"):
        try:
            if f"TWBIO_HOME={home}".encode() in env.read_bytes().split(b"\0"):
                out.append((env.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace"))
        except OSError:
            continue
    return out


def test_sigkill_of_the_refresh_process_leaves_no_worker_behind(published_copy):
    paths = published_copy
    data = (SAMPLE_INBOX / "whitepaper-2025-ch4.pdf").read_bytes() + b"\n% new bytes\n"
    (paths.inbox / "new-edition.pdf").write_bytes(data)
    proc = _refresh_proc(paths)
    for line in proc.stdout:
        if "page 25/" in line:  # the extraction worker is busy
            break
    os.kill(proc.pid, signal.SIGKILL)  # the refresh alone, not its process group
    proc.wait(timeout=60)
    deadline = time.monotonic() + 30
    while _processes_of(paths.home) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not _processes_of(paths.home)
    # nothing was cached for the file: the next refresh extracts it
    res = run_refresh(paths, verbose=False)
    assert res.published and res.metadata["extraction"]["extracted"] == 1, res.failures


def test_two_refreshes_started_together_never_write_at_once(published_copy):
    paths = published_copy
    shutil.copy2(SAMPLE_INBOX / "intl-alliance-call-2025.pdf", paths.inbox / "intl-alliance-call-2025.pdf")
    procs = [_refresh_proc(paths) for _ in range(2)]
    outputs = [p.communicate(timeout=600)[0] for p in procs]
    codes = sorted(p.returncode for p in procs)
    assert codes == [0, 75], outputs
    busy = outputs[[p.returncode for p in procs].index(75)]
    assert "another twbio refresh is running" in busy
    _published_is_good(paths)


def _mount_tmpfs(path: Path, size: str) -> bool:
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                          capture_output=True).returncode == 0


def test_full_disk_and_read_only_warehouse_fail_clearly(tmp_path, published_whitepaper):
    from orchestration.paths import WarehousePaths

    source = published_whitepaper
    mnt = tmp_path / "small-disk"
    # what the copy takes on tmpfs, which gives every file and directory whole pages: the
    # copy fits, a second warehouse file does not
    kept = [p for p in source.home.rglob("*")
            if not {".staging", "exports", "quality"} & set(p.relative_to(source.home).parts)]
    needed = sum(-(-p.stat().st_size // 4096) * 4096 if p.is_file() else 4096 for p in kept)
    if not _mount_tmpfs(mnt, f"{needed // 1024 + 1024}k"):
        pytest.skip("needs root and mount(8) to make a small or read-only file system")
    try:
        shutil.copytree(source.home, mnt / "warehouse", ignore=shutil.ignore_patterns(".staging", "exports", "quality"))
        paths = WarehousePaths(mnt / "warehouse")
        shutil.copy2(SAMPLE_INBOX / "spark-taiwan.pdf", paths.inbox / "spark-taiwan.pdf")  # work to do
        before = _sha(paths.published)
        res = run_refresh(paths, verbose=False)  # the new build file does not fit
        assert not res.published
        assert any("No space left" in f or "space" in f.lower() for f in res.failures), res.failures
        assert _sha(paths.published) == before
        _published_is_good(paths)

        subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True)
        with pytest.raises(WarehouseNotWritable, match="Read-only file system"):
            run_refresh(paths, verbose=False)
        assert _sha(paths.published) == before
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def _exports_match_the_published_warehouse(paths) -> None:
    import json

    import pandas as pd

    manifest = json.loads((paths.exports / "manifest.json").read_text(encoding="utf-8"))
    with duckdb.connect(str(paths.published), read_only=True) as con:
        run = con.execute("select run_id from audit.refreshes order by published_at desc limit 1").fetchone()[0]
        rows = {m: con.execute(f'select count(*) from marts."{m}"').fetchone()[0] for m in manifest["marts"]}
    assert manifest["run_id"] == run
    for name, meta in manifest["marts"].items():
        assert len(pd.read_parquet(paths.exports / meta["file"])) == rows[name] == meta["rows"], name


def test_sigkill_between_the_swap_and_the_exports_is_repaired_by_the_next_refresh(published_copy):
    paths = published_copy
    shutil.copy2(SAMPLE_INBOX / "spark-taiwan.pdf", paths.inbox / "spark-taiwan.pdf")  # one more report
    proc = _refresh_proc(paths)
    for line in proc.stdout:
        if "writing the exports" in line:
            os.killpg(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=60)
    with duckdb.connect(str(paths.published), read_only=True) as con:
        assert con.execute("select count(*) from raw.documents").fetchone()[0] == 2  # the swap happened
    res = run_refresh(paths, verbose=False)
    assert res.noop  # nothing to extract or build: the published warehouse holds these files...
    _exports_match_the_published_warehouse(paths)  # ...and its exports are written again
    assert not list(paths.home.glob(".exports-*"))


def test_a_full_disk_while_exporting_says_what_was_published(published_copy, monkeypatch):
    import errno

    import orchestration.defs.publish.assets as publish_assets

    def no_space(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    paths = published_copy
    shutil.copy2(SAMPLE_INBOX / "spark-taiwan.pdf", paths.inbox / "spark-taiwan.pdf")
    monkeypatch.setattr(publish_assets, "write_exports", no_space)
    res = run_refresh(paths, verbose=False)
    summary = "\n".join(res.summary_lines(paths))
    assert res.published and exit_status(res) == 4
    assert "published:" in summary and "NOT published" not in summary and "written again by the next refresh" in summary
    assert any("No space left" in f for f in res.failures)
    monkeypatch.undo()
    assert run_refresh(paths, verbose=False).noop
    _exports_match_the_published_warehouse(paths)
