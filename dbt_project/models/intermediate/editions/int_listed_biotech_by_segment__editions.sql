-- every edition's rows of fct_listed_biotech_by_segment: one per document that prints the grain; fct_listed_biotech_by_segment keeps the
-- newest edition's, fct_figure_vintages lists them all
with segments as (
    select s.*, t.caption_year
    from {{ ref('stg_whitepaper__listed_biotech_by_segment') }} s
    left join {{ ref('stg_twbio__tables') }} t
        on t.report_id = s.report_id and t.table_id = s.source_table
)

select
    s.caption_year as year,
    d.segment_code,
    d.segment_zh,
    d.parent_segment_code,
    try_cast(s.companies as integer) as companies,
    {{ to_twd('s.revenue', 100000000) }} as revenue_twd,
    {{ to_twd('s.market_cap', 100000000) }} as market_cap_twd,
    {{ to_twd('s.rd_expense', 100000000) }} as rd_expense_twd,
    {{ to_twd('s.net_income', 100000000) }} as net_income_twd,
    s.rd_to_revenue_pct,
    s.revenue as revenue_printed,
    s.market_cap as market_cap_printed,
    s.rd_expense as rd_expense_printed,
    s.net_income as net_income_printed,
    '新臺幣億元' as unit_printed,
    s.report_id,
    s.source_table,
    s.source_page,
    s.source_row,
    null::varchar as source_column
from segments s
join {{ ref('dim_industry_segment') }} d
    on d.segment_zh = regexp_replace(s.segment_zh, '^[-－—\s]+', '')
