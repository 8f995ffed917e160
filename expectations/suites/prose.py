"""Figures from the running text: every catalogued statement matched exactly once, and a
figure the text states twice states the same value.

A catalogued statement that no longer matches in a document of its family — a reworded
sentence — is *blocking*: its facts would otherwise silently disappear from the marts, so
the document is held back (its family's other editions still serve) until the catalog
says how the new wording reads. A document that does not have the statement's section at
all (a single chapter, an excerpt) does not print it: a *warning*. Two statements of one figure that
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
               m.status in ('matched', 'section_not_found') as matched_once_where_printed,
               m.status = 'matched' as matched_once
        from raw.statement_matches m
        join raw.documents d using (report_id)
        where d.status = 'loaded'
    """,
    row_id=["report_id", "statement_id", "status", "message"],
    expectations=lambda: [
        blocking(gx.expectations.ExpectColumnValuesToBeInSet(column="matched_once_where_printed", value_set=[True])),
        # a document without the statement's section (an excerpt, a chapter) does not print it
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
