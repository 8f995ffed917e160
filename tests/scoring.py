"""Cell-level comparison with the truth files (the normalisation of the corpus scorer:
NFC, whitespace collapsed, spaces next to CJK characters dropped)."""

import re
import unicodedata
from collections import Counter

CJK = r"\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_SP = re.compile(r" (?=[%s])|(?<=[%s]) " % (CJK, CJK))


def norm(s):
    s = unicodedata.normalize("NFC", s or "")
    return _SP.sub("", re.sub(r"\s+", " ", s).strip())


def grid(header, rows):
    return [[norm(c) for c in r] for r in list(header) + list(rows)]


def cell_f1(truth_grid, got_grid) -> float:
    t = Counter((r, c, x) for r, row in enumerate(truth_grid) for c, x in enumerate(row) if x)
    g = Counter((r, c, x) for r, row in enumerate(got_grid) for c, x in enumerate(row) if x)
    tp = sum((t & g).values())
    if not t and not g:
        return 1.0
    p = tp / max(1, sum(g.values()))
    r = tp / max(1, sum(t.values()))
    return 2 * p * r / (p + r) if p + r else 0.0
