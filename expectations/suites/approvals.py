"""Licences and dates of every approval table (4-4, 4-6, 4-10, 4-12, 4-13, 4-14), as staged."""

from ..runner import SuiteSpec, blocking, gx

_TABLES = ["first_launch_drugs", "domestic_new_drug_nhi_status", "domestic_new_drug_approvals", "novel_devices",
           "class_iii_devices", "agricultural_biologics_approvals"]
_DATED = _TABLES[1:]

QUERY = " union all ".join(
    f"""select s.report_id, s.source_table, s.source_page, s.source_row, s.licence_no_printed, s.licence_no,
               {'s.approval_date' if t in _DATED else 'null::date'} as approval_date,
               d.edition_year,
               d.edition_year - year({'s.approval_date' if t in _DATED else 'null::date'}) as years_before_edition
        from staging.stg_whitepaper__{t} s left join raw.documents d using (report_id)"""
    for t in _TABLES
)

SUITE = SuiteSpec(
    name="approvals",
    description="Every approval row has a licence number of the official pattern, a date within the "
                "report's years, and no licence twice in one table.",
    query=QUERY,
    row_id=["report_id", "source_table", "source_page", "source_row", "licence_no_printed"],
    expectations=lambda: [
        blocking(gx.expectations.ExpectColumnValuesToNotBeNull(column="licence_no")),
        blocking(gx.expectations.ExpectColumnValuesToMatchRegex(
            column="licence_no", regex=r"^\S+字第[A-Za-z0-9]+號$")),
        blocking(gx.expectations.ExpectCompoundColumnsToBeUnique(column_list=["report_id", "source_table", "licence_no"])),
        # a report describes the years before its edition: a date after it, or a decade
        # before, is a misread
        blocking(gx.expectations.ExpectColumnValuesToBeBetween(column="years_before_edition", min_value=0, max_value=10)),
    ],
)
