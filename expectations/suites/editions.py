"""Editions: two copies of one edition that print different figures, and the figures a
new edition revises.

Two documents that claim the same family and edition (read from the documents) but
print different cells cannot both be the edition: the newcomer is held back with every
differing cell listed (checks.chk_conflicting_copies), whatever the files are called.

A new edition reprinting an older one's years may revise a figure: that is data
(marts.fct_figure_vintages), and a revision larger than REVISION_THRESHOLD (relative to
the value it replaces) is a warning naming the figure, both editions and both values.
"""

from ..runner import SuiteSpec, blocking, gx, warning

REVISION_THRESHOLD = 0.005  # 0.5 %: rounding in the printed unit stays below it, one case in 118 does not

CONFLICTING_COPIES = SuiteSpec(
    name="conflicting_copies",
    description="No two documents of one family and edition print different cells.",
    query="select *, false as same_as_other_copy from checks.chk_conflicting_copies",
    row_id=["report_id", "other_report_id", "source_table", "source_page", "source_row", "source_column",
            "other_printed", "value_printed"],
    expectations=lambda: [
        blocking(gx.expectations.ExpectColumnValuesToBeInSet(column="same_as_other_copy", value_set=[True])),
    ],
    skip_when_empty=True,
)

REVISIONS = SuiteSpec(
    name="revisions",
    description=f"Figures a newer edition revises by more than {REVISION_THRESHOLD:.0%} of the older value.",
    query=f"""
        select report_id, mart, grain, measure, value, edition_year, previous_report_id, previous_edition_year,
               previous_value, source_table, source_page,
               abs(value - previous_value) <= {REVISION_THRESHOLD} * greatest(abs(previous_value), 1e-9)
                   as within_threshold
        from marts.fct_figure_vintages
        where revises_previous and previous_value is not null
    """,
    row_id=["report_id", "mart", "grain", "measure", "value", "edition_year", "previous_edition_year",
            "previous_value", "source_table", "source_page"],
    expectations=lambda: [
        warning(gx.expectations.ExpectColumnValuesToBeInSet(column="within_threshold", value_set=[True])),
    ],
    skip_when_empty=True,
)
