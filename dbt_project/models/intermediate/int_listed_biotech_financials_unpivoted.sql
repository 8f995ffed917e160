-- 表 4-15 is printed metric × year; one row per metric and year. The printed unit is
-- 新臺幣億元 except where the metric's label says otherwise (家, %, a ratio).
with source as (
    select * from {{ ref('stg_whitepaper__listed_biotech_financials') }}
),

unpivoted as (
    unpivot source on y2020, y2021, y2022, y2023, y2024 into name year_column value value_printed
)

select
    report_id,
    source_table,
    source_page,
    source_row,
    year_column as source_column,
    try_cast(substr(year_column, 2) as integer) as year,
    metric_zh,
    case metric_zh
        when '上市總市值' then 'twse_total_market_cap'
        when '上櫃總市值' then 'tpex_total_market_cap'
        when '總營業額' then 'revenue'
        when '研發費用' then 'rd_expense'
        when '上市櫃生技公司總市值' then 'market_cap'
        when '淨利' then 'net_income'
        when '已上市櫃公司(家)' then 'listed_companies'
        when '募資金額' then 'funds_raised'
        when '占上市櫃總市值比重(%)' then 'share_of_total_market_cap_pct'
        when '本益比' then 'price_earnings_ratio'
        when '廠商平均營業額' then 'revenue_per_company'
        when '廠商平均研發費用' then 'rd_expense_per_company'
        when '研發/營業額(%)' then 'rd_to_revenue_pct'
    end as metric,
    value_printed
from unpivoted
