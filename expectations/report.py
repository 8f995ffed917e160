"""The quality pages: what each refresh's checks found, readable with no network.

One static HTML page per refresh (`<run id>.html`, styles inline, no scripts, no fonts or
assets fetched from anywhere) and an index of the refreshes, newest first. A warning is
shown as a warning, a blocking failure as a failure, and each finding names the report,
table, page and row it was found at.
"""

from __future__ import annotations

import html
import json
import os
import re
from datetime import datetime, timezone
from pathlib import Path

from .runner import BLOCKING, ValidationOutcome

_STYLE = """
body{font-family:system-ui,-apple-system,"Noto Sans CJK TC","Microsoft JhengHei",sans-serif;margin:2em auto;
max-width:70em;padding:0 1em;color:#222}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;margin:.5em 0 1em}td,th{border:1px solid #ddd;padding:.3em .5em;
text-align:left;vertical-align:top;font-size:.92em}th{background:#f4f4f4}
.failed{color:#a40000;font-weight:bold}.warning{color:#8a5a00;font-weight:bold}.passed{color:#2e6b2e}
.summary span{display:inline-block;margin-right:1.5em}code{font-size:.9em}small{color:#666}
"""


def _status(o: ValidationOutcome) -> str:
    if o.success:
        return "passed"
    return "failed" if o.severity == BLOCKING else "warning"


def _label(status: str) -> str:
    return {"passed": "passed", "failed": "FAILED (blocking)", "warning": "warning (published)"}[status]


def _page(title: str, body: str) -> str:
    return (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{_STYLE}</style></head>'
            f"<body>{body}</body></html>\n")


def _where(row: dict) -> str:
    keys = ("report_id", "source_table", "dataset", "source_page", "source_row", "row_label", "statement_id")
    where = ", ".join(f"{k.replace('source_', '')} {row[k]}" for k in keys if row.get(k) not in (None, ""))
    values = ", ".join(f"{k}={v}" for k, v in row.items() if k not in keys)
    return html.escape(where) + (f"<br><code>{html.escape(values)}</code>" if values else "")


def render_run(run_id: str, outcomes: list[ValidationOutcome], held_back: list[str] = ()) -> str:
    counts = {s: sum(1 for o in outcomes if _status(o) == s) for s in ("failed", "warning", "passed")}
    verdict = ("blocking failures: this build was not published as it stood" if counts["failed"]
               else "every blocking expectation passed")
    parts = [f"<h1>twbio checks — refresh <code>{html.escape(run_id)}</code></h1>",
             '<p><a href="index.html">all refreshes</a></p>',
             f'<p class="summary"><span class="failed">{counts["failed"]} failed (blocking)</span>'
             f'<span class="warning">{counts["warning"]} warnings</span>'
             f'<span class="passed">{counts["passed"]} passed</span></p><p>{html.escape(verdict)}</p>']
    if held_back:
        parts.append("<p>Held back (not published; their last published rows stay): "
                     + ", ".join(f"<code>{html.escape(r)}</code>" for r in held_back) + "</p>")
    for status, heading in (("failed", "Blocking failures"), ("warning", "Warnings"), ("passed", "Passed")):
        mine = [o for o in outcomes if _status(o) == status]
        if not mine:
            continue
        parts.append(f'<h2 id="{status}">{heading} ({len(mine)})</h2><table><tr><th>status</th><th>suite</th>'
                     "<th>expectation</th><th>column</th><th>observed</th><th>where (report, table, page, row)</th></tr>")
        for o in sorted(mine, key=lambda o: (o.suite, o.expectation, o.column or "")):
            rows = "<br>".join(_where(r) for r in o.failing_rows[:20]) if not o.success else ""
            if not o.success and not rows and o.reports:
                rows = html.escape("reports " + ", ".join(o.reports))
            parts.append(f'<tr class="{status}-row"><td class="{status}">{_label(status)}</td>'
                         f"<td>{html.escape(o.suite)}</td><td>{html.escape(o.expectation)}</td>"
                         f"<td>{html.escape(o.column or '')}</td><td><code>{html.escape(_short(o.observed))}</code></td>"
                         f"<td>{rows}</td></tr>")
        parts.append("</table>")
    return _page(f"twbio checks {run_id}", "".join(parts))


def _short(text: str | None, limit: int = 300) -> str:
    text = text or ""
    return text if len(text) <= limit else text[:limit] + "…"


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _safe(run_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", run_id)


def write_quality_pages(docs_dir: Path, run_id: str, outcomes: list[ValidationOutcome],
                        held_back: list[str] = ()) -> Path:
    """This refresh's page, and the index of every refresh's page; returns the page."""
    docs_dir.mkdir(parents=True, exist_ok=True)
    page = docs_dir / f"{_safe(run_id)}.html"
    _write(page, render_run(run_id, outcomes, held_back))
    summary = {"run_id": run_id, "checked_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
               "failed": sum(1 for o in outcomes if _status(o) == "failed"),
               "warnings": sum(1 for o in outcomes if _status(o) == "warning"),
               "passed": sum(1 for o in outcomes if o.success), "held_back": list(held_back), "page": page.name}
    _write(docs_dir / f"{_safe(run_id)}.json", json.dumps(summary, ensure_ascii=False))
    runs = []
    for f in docs_dir.glob("*.json"):
        try:
            runs.append(json.loads(f.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue
    runs.sort(key=lambda r: r.get("checked_at", ""), reverse=True)
    rows = "".join(
        f'<tr><td><a href="{html.escape(r["page"])}"><code>{html.escape(r["run_id"])}</code></a></td>'
        f"<td>{html.escape(r['checked_at'])}</td><td class=\"{'failed' if r['failed'] else 'passed'}\">{r['failed']}</td>"
        f"<td class=\"{'warning' if r['warnings'] else 'passed'}\">{r['warnings']}</td><td>{r['passed']}</td>"
        f"<td>{html.escape(', '.join(r.get('held_back') or []))}</td></tr>" for r in runs)
    _write(docs_dir / "index.html", _page("twbio checks", (
        "<h1>twbio checks</h1><p>Every refresh's Great Expectations suites and dbt tests, newest first. "
        "A blocking failure keeps a build (or the report it belongs to) from being published; "
        "a warning is published and shown here.</p>"
        "<table><tr><th>refresh (run id)</th><th>checked at (UTC)</th><th>failed (blocking)</th><th>warnings</th>"
        f"<th>passed</th><th>held back</th></tr>{rows}</table>")))
    return page
