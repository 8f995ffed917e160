"""Every value of a typed catalogued column parses: numbers (thousands separators,
negatives), years, dates, percentages. Built from the table catalog."""

from orchestration.catalog import Catalog

from ..runner import SuiteSpec, blocking, gx

_NUMERIC = ("integer", "number", "percent", "year")


def _query() -> str:
    parts = []
    for d in Catalog.load().datasets:
        for c in d.columns:
            if c.type not in _NUMERIC + ("date",):
                continue
            value = f'trim("{c.name}")'
            if c.type == "date":
                ok = f"regexp_matches({value}, '^\\d{{2,4}}\\s*[/.-]\\s*\\d{{1,2}}\\s*[/.-]\\s*\\d{{1,2}}$')"
            else:
                cleaned = f"regexp_replace(replace(replace({value}, '－', '-'), '−', '-'), '[,\\s年度%]', '', 'g')"
                ok = f"try_cast({cleaned} as double) is not null"
            parts.append(
                f"select report_id, table_id as source_table, source_page, row_number as source_row, "
                f"'{d.dataset}' as dataset, '{c.name}' as column_name, \"{c.name}\" as value_printed, {ok} as parses "
                f"from {d.relation} where nullif({value}, '') is not null"
            )
    return " union all ".join(parts)


SUITE = SuiteSpec(
    name="typed_values_parse",
    description="Printed numbers, years, percentages and dates in catalogued columns all parse.",
    query=_query,
    row_id=["report_id", "source_table", "source_page", "source_row", "column_name", "value_printed"],
    expectations=lambda: [
        blocking(gx.expectations.ExpectColumnValuesToBeInSet(column="parses", value_set=[True])),
    ],
)
