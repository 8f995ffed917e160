"""Every value of a typed catalogued column parses: numbers (thousands separators,
negatives), years, dates, percentages. The values and whether each parses come from the
dbt model checks.chk_typed_values, which parses them with the macros staging uses."""

from ..runner import SuiteSpec, blocking, gx

SUITE = SuiteSpec(
    name="typed_values_parse",
    description="Printed numbers, years, percentages and dates in catalogued columns all parse.",
    query="select * from checks.chk_typed_values",
    row_id=["report_id", "source_table", "source_page", "source_row", "column_name", "value_printed"],
    expectations=lambda: [
        blocking(gx.expectations.ExpectColumnValuesToBeInSet(column="parses", value_set=[True])),
    ],
    skip_when_empty=True,
)
