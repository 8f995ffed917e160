"""Figures from the running text: every catalogued statement matched exactly once, and a
figure the text states twice states the same value.

A statement of a catalogued report (the same report id) that no longer matches — a
reworded sentence — is *blocking*: its facts would otherwise silently disappear from the
marts. Another file recognised as that report only by its title (a copy, another edition)
gets a *warning* for each statement it lacks, as row_counts treats its tables: its other
data is published and the gap is flagged. Two statements of one figure that
disagree (the white paper's 再生醫療 investment, 44.47 and 44.7 億元) are the source's own
inconsistency: a *warning* naming both sentences; int_industry_investment_reconciled
publishes the value the printed total supports.
"""

from ..runner import SuiteSpec, blocking, gx, warning

MATCHES = SuiteSpec(
    name="prose_statements",
    description="Every catalogued statement of a loaded report matches exactly one place in it.",
    query="""
        select m.report_id, m.statement_id, m.status, m.n_matches, m.message,
               m.status = 'matched' as matched_once,
               m.status = 'matched' or m.report_id <> m.catalog_report as matched_once_in_catalogued_report
        from raw.statement_matches m
        join raw.documents d using (report_id)
        where d.status = 'loaded'
    """,
    row_id=["report_id", "statement_id", "status", "message"],
    expectations=lambda: [
        blocking(gx.expectations.ExpectColumnValuesToBeInSet(column="matched_once_in_catalogued_report",
                                                             value_set=[True])),
        warning(gx.expectations.ExpectColumnValuesToBeInSet(column="matched_once", value_set=[True])),
    ],
    skip_when_empty=True,
)

CONSISTENCY = SuiteSpec(
    name="prose_figures_consistent",
    description="A figure stated in several sentences is stated with one value.",
    query="""
        with f as (
            select *, count(distinct value) over (
                partition by report_id, fact, metric, year, segment_code, product_type, breakdown, category
            ) as n_values
            from staging.stg_twbio__statement_figures
        )
        select report_id, statement_id as source_table, source_page, fact, metric, year,
               coalesce(segment_code, product_type || '/' || breakdown || '/' || category) as subject,
               value_printed, source_text, n_values = 1 as consistent
        from f
    """,
    row_id=["report_id", "source_table", "source_page", "metric", "year", "subject", "value_printed", "source_text"],
    expectations=lambda: [
        warning(gx.expectations.ExpectColumnValuesToBeInSet(column="consistent", value_set=[True])),
    ],
    skip_when_empty=True,
)
