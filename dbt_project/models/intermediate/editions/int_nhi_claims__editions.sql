-- every edition's rows of fct_nhi_claims: one per document that prints the grain; fct_nhi_claims keeps the
-- newest edition's, fct_figure_vintages lists them all
select
    drug_group,
    year,
    {{ to_twd('amount_printed', 10000) }} as amount_twd,
    amount_printed,
    '新臺幣萬元' as unit_printed,
    report_id,
    source_table,
    source_page,
    source_row,
    source_column
from {{ ref('int_nhi_claims_unioned') }}
