"""R&D intensity of listed biotech companies by segment (2024), from Python with pandas.

    .venv/bin/python examples/rd_intensity_by_segment.py [path/to/twbio.duckdb]
"""

import sys
from pathlib import Path

import duckdb

db = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "warehouse" / "twbio.duckdb"
with duckdb.connect(str(db), read_only=True) as con:
    df = con.execute("""
        select s.segment_en, s.segment_code, f.companies,
               f.revenue_twd / 1e8 as revenue_100m_twd,
               f.rd_expense_twd / 1e8 as rd_100m_twd,
               f.rd_to_revenue_pct
        from marts.fct_listed_biotech_by_segment f
        join marts.dim_industry_segment s using (segment_code)
        where f.year = 2024
        order by f.rd_to_revenue_pct desc
    """).df()
df["rd_intensity_check_pct"] = (100 * df["rd_100m_twd"] / df["revenue_100m_twd"]).round(2)
print(df.to_string(index=False))
