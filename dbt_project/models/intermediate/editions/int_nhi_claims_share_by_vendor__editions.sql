-- every edition's rows of fct_nhi_claims_share_by_vendor: one per document that prints the grain; fct_nhi_claims_share_by_vendor keeps the
-- newest edition's, fct_figure_vintages lists them all
with unpivoted as (
    unpivot (
        select * from {{ ref('stg_whitepaper__nhi_claims_share_by_vendor') }}
        where vendor_type_zh not in ('小計', '合計', '總計')
    ) on y2019, y2020, y2021, y2022, y2023, y2024 into name year_column value share_pct
)

select
    try_cast(substr(year_column, 2) as integer) as year,
    case vendor_type_zh when '研發廠' then 'originator' when '代理商' then 'importer_agent'
        when '國產廠' then 'domestic_manufacturer' end as vendor_type,
    vendor_type_zh,
    share_pct,
    report_id,
    source_table,
    source_page,
    source_row,
    year_column as source_column
from unpivoted
