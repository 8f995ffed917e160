"""Each catalogued table has the number of rows the catalog expects (a table that suddenly
has half its rows lost a page or was mis-stitched)."""

from orchestration.catalog import Catalog

from ..runner import SuiteSpec, blocking, gx, warning


def _query() -> str:
    bounds = ", ".join(f"('{d.dataset}', '{d.family}', {lo}, {hi})" for d in Catalog.load().datasets
                       if d.expected_rows for lo, hi in [d.expected_rows])
    # every loaded document of a family against every table the catalog knows in it
    return f"""
        with expected(dataset, family, min_rows, max_rows) as (values {bounds}),
        loaded as (select report_id, family from raw.documents where status = 'loaded')
        select l.report_id, t.table_id as source_table, t.page as source_page,
               e.dataset, coalesce(t.n_rows, 0) as n_rows, e.min_rows, e.max_rows,
               t.table_id is not null as printed,
               t.table_id is null or t.n_rows between e.min_rows and e.max_rows as within_expected
        from expected e
        join loaded l using (family)
        left join raw.tables t on t.dataset = e.dataset and t.report_id = l.report_id
    """


SUITE = SuiteSpec(
    name="row_counts",
    description="Every catalogued table of a loaded report is found, with a row count within the catalog's "
                "expected_rows.",
    query=_query,
    row_id=["report_id", "source_table", "dataset", "n_rows", "min_rows", "max_rows"],
    expectations=lambda: [
        # rows lost or gained: the data read is wrong (a lost page, a mis-stitched table)
        blocking(gx.expectations.ExpectColumnValuesToBeInSet(column="within_expected", value_set=[True])),
        # a table not found (or not recognised) brings no data: flagged, the rest is published
        warning(gx.expectations.ExpectColumnValuesToBeInSet(column="printed", value_set=[True])),
    ],
    skip_when_empty=True,
)
