"""`twbio docs`: the dbt docs site (models, columns, lineage from report table to mart).

dbt reads the warehouse to document it; it is given a copy, never the published file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..paths import DBT_PROJECT_DIR, PROJECT_ROOT, WarehousePaths


def build_docs(paths: WarehousePaths, progress=print) -> Path:
    """The site in warehouse/docs/; dbt's own progress lines go to `progress` as it works."""
    if not paths.published.exists():
        raise FileNotFoundError(f"no published warehouse at {paths.published}; run `twbio refresh` first")
    target = paths.docs
    with tempfile.TemporaryDirectory(prefix="twbio-docs-") as tmp:
        # named like the published file: the docs name its relations twbio.marts.*, as BI
        # tools see them
        copy = Path(tmp) / paths.published.name
        shutil.copy2(paths.published, copy)
        dbt = Path(sys.executable).with_name("dbt")
        env = {**os.environ, "TWBIO_BUILD_DB": str(copy), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
        build_target = Path(tmp) / "target"
        progress(f"dbt docs generate on a copy of {paths.published.name} (reads every relation's columns; "
                 "about a minute)")
        proc = subprocess.Popen(
            [str(dbt) if dbt.exists() else "dbt", "docs", "generate", "--static", "--project-dir", str(DBT_PROJECT_DIR),
             "--profiles-dir", str(DBT_PROJECT_DIR), "--target-path", str(build_target),
             "--log-path", str(Path(tmp) / "logs")],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        output = []
        for line in proc.stdout:
            output.append(line)
            if line.strip():
                progress("  dbt: " + _without_machine_paths(line.rstrip(), [tmp, str(PROJECT_ROOT), str(paths.home)]))
        if proc.wait() != 0:
            raise RuntimeError("dbt docs generate failed:\n" + "".join(output)[-3000:])
        tmp_target = target.with_name(".docs-new")
        shutil.rmtree(tmp_target, ignore_errors=True)
        tmp_target.mkdir(parents=True)
        for name in ("index.html", "static_index.html", "manifest.json", "catalog.json"):
            if (build_target / name).exists():
                (tmp_target / name).write_text(_without_machine_paths((build_target / name).read_text(encoding="utf-8"),
                                                                      [tmp, str(PROJECT_ROOT), str(paths.home)]),
                                               encoding="utf-8")
    shutil.rmtree(target, ignore_errors=True)
    tmp_target.rename(target)
    return target


def serve(directory: Path, port: int) -> None:
    """Serve `directory` until Ctrl-C or SIGTERM."""
    import functools
    import http.server
    import signal

    def stop(signum, frame):
        raise KeyboardInterrupt

    # supervisors (systemd, a scheduler, a test runner) stop a server with SIGTERM; a
    # parent that ignores SIGTERM hands that disposition down, and the server would never stop
    signal.signal(signal.SIGTERM, stop)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as httpd:
        print(f"serving {directory} on http://127.0.0.1:{port}/ (Ctrl-C to stop)")
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass


def _without_machine_paths(text: str, roots: list[str]) -> str:
    """The site is shared: it names files relative to the project, never by this
    machine's absolute paths (longest first, so a path inside another is replaced whole)."""
    for root in sorted(roots, key=len, reverse=True):
        text = text.replace(root.rstrip("/") + "/", "").replace(root.rstrip("/"), ".")
    return text
