-- every edition's rows of fct_listed_biotech_financials: one per document that prints the grain; fct_listed_biotech_financials keeps the
-- newest edition's, fct_figure_vintages lists them all
with metrics as (
    select * from {{ ref('int_listed_biotech_financials_unpivoted') }}
)

select
    year,
    metric,
    metric_zh,
    case
        when metric like '%_pct' or metric in ('listed_companies', 'price_earnings_ratio') then value_printed
        else try_cast({{ to_twd('value_printed', 100000000) }} as double)
    end as value,
    case
        when metric like '%_pct' then 'percent'
        when metric = 'listed_companies' then 'companies'
        when metric = 'price_earnings_ratio' then 'ratio'
        else 'TWD'
    end as value_unit,
    case when metric like '%_pct' or metric in ('listed_companies', 'price_earnings_ratio') then null
         else {{ to_twd('value_printed', 100000000) }} end as amount_twd,
    value_printed as amount_printed,
    case
        when metric like '%_pct' then '%'
        when metric = 'listed_companies' then '家'
        when metric = 'price_earnings_ratio' then '倍'
        else '新臺幣億元'
    end as unit_printed,
    report_id,
    source_table,
    source_page
from metrics
