"""表 4-11 drug review performance, as staged (stg_whitepaper__drug_reviews): the plausible
ranges and the years a white paper covers (the five before its edition). Completeness,
the review-type codes and the grain are dbt tests on the model (its YAML)."""

from ..runner import SuiteSpec, blocking, gx

SUITE = SuiteSpec(
    name="drug_reviews",
    description="表 4-11: review cases, days and first-round approval rates are complete and plausible.",
    query="""
        select s.*, d.edition_year,
               d.edition_year is null or s.year between d.edition_year - 6 and d.edition_year as in_edition_years
        from staging.stg_whitepaper__drug_reviews s
        left join raw.documents d using (report_id)
    """,
    row_id=["report_id", "source_table", "source_page", "review_type_zh", "year"],
    skip_when_empty=True,
    expectations=lambda: [
        blocking(gx.expectations.ExpectTableColumnsToMatchSet(
            column_set=["report_id", "source_table", "source_page", "source_row", "year", "review_type",
                        "review_type_zh", "cases", "mean_review_days", "first_round_approval_rate_pct"],
            exact_match=False)),
        blocking(gx.expectations.ExpectColumnValuesToBeBetween(column="year", min_value=2000, max_value=2100)),
        # an edition reports on the years before it: a year outside them is misread
        blocking(gx.expectations.ExpectColumnValuesToBeInSet(column="in_edition_years", value_set=[True])),
        # both review types over five years
        blocking(gx.expectations.ExpectColumnUniqueValueCountToBeBetween(column="year", min_value=5)),
        blocking(gx.expectations.ExpectColumnValuesToBeBetween(
            column="first_round_approval_rate_pct", min_value=0, max_value=100)),
        blocking(gx.expectations.ExpectColumnValuesToBeBetween(column="cases", min_value=0, max_value=100000)),
        blocking(gx.expectations.ExpectColumnValuesToBeBetween(column="mean_review_days", min_value=0, max_value=3650)),
    ],
)
