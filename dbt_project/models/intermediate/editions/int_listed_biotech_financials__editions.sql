-- every edition's rows of fct_listed_biotech_financials: one per document that prints the grain; fct_listed_biotech_financials keeps the
-- newest edition's, fct_figure_vintages lists them all
with metrics as (
    select
        *,
        -- what a metric's value is: money (printed in 新臺幣億元) unless it says otherwise
        case
            when metric like '%_pct' then 'percent'
            when metric = 'listed_companies' then 'companies'
            when metric = 'price_earnings_ratio' then 'ratio'
            else 'TWD'
        end as value_unit
    from {{ ref('int_listed_biotech_financials_unpivoted') }}
)

select
    year,
    metric,
    metric_zh,
    case when value_unit = 'TWD' then try_cast({{ to_twd('value_printed', 100000000) }} as double)
         else value_printed end as value,
    value_unit,
    case when value_unit = 'TWD' then {{ to_twd('value_printed', 100000000) }} end as amount_twd,
    value_printed as amount_printed,
    case value_unit when 'percent' then '%' when 'companies' then '家' when 'ratio' then '倍'
         else '新臺幣億元' end as unit_printed,
    report_id,
    source_table,
    source_page,
    source_row,
    source_column
from metrics
