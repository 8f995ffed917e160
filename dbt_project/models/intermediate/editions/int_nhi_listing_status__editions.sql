-- every edition's rows of fct_nhi_listing_status: one per document that prints the grain; fct_nhi_listing_status keeps the
-- newest edition's, fct_figure_vintages lists them all
with unpivoted as (
    unpivot (
        select * exclude (total) from {{ ref('stg_whitepaper__nhi_listing_status') }}
        where status_zh not in ('小計', '總計', '合計')
    ) on y2019, y2020, y2021, y2022, y2023, y2024 into name year_column value drugs
)

select
    try_cast(substr(year_column, 2) as integer) as year,
    case status_zh
        when '廠商未申請' then 'not_applied'
        when '非屬健保給付範圍' then 'not_covered'
        when '健保已收載' then 'listed'
        when '經決議不納入健保給付' then 'rejected'
        when '審查中' then 'under_review'
    end as nhi_status,
    status_zh as nhi_status_zh,
    try_cast(drugs as integer) as drugs,
    report_id,
    source_table,
    source_page,
    source_row,
    year_column as source_column
from unpivoted
