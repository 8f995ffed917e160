"""Each catalogued table has the number of rows the catalog expects (a table that suddenly
has half its rows lost a page or was mis-stitched)."""

from orchestration.catalog import Catalog

from ..runner import SuiteSpec, blocking, gx


def _query() -> str:
    bounds = ", ".join(f"('{d.dataset}', '{d.report}', {lo}, {hi})" for d in Catalog.load().datasets
                       if d.expected_rows for lo, hi in [d.expected_rows])
    # a catalogued table missing from a loaded report counts as zero rows
    return f"""
        with expected(dataset, report, min_rows, max_rows) as (values {bounds}),
        loaded as (select report_id from raw.documents where status = 'loaded')
        select coalesce(t.report_id, e.report) as report_id, t.table_id as source_table, t.page as source_page,
               e.dataset, coalesce(t.n_rows, 0) as n_rows, e.min_rows, e.max_rows,
               coalesce(t.n_rows, 0) between e.min_rows and e.max_rows as within_expected
        from expected e
        left join raw.tables t on t.dataset = e.dataset
        where t.dataset is not null or e.report in (select report_id from loaded)
    """


SUITE = SuiteSpec(
    name="row_counts",
    description="Row counts of catalogued tables within the catalog's expected_rows.",
    query=_query,
    row_id=["report_id", "source_table", "dataset", "n_rows", "min_rows", "max_rows"],
    expectations=lambda: [
        blocking(gx.expectations.ExpectColumnValuesToBeInSet(column="within_expected", value_set=[True])),
    ],
)
