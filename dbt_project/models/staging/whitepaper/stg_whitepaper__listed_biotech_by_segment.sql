select
    report_id,
    table_id as source_table,
    source_page,
    row_number as source_row,
    {{ squash_cjk_spaces('segment_zh') }} as segment_zh,
    {{ parse_number('companies') }} as companies,
    {{ parse_number('revenue') }} as revenue,
    {{ parse_number('market_cap') }} as market_cap,
    {{ parse_number('rd_expense') }} as rd_expense,
    {{ parse_number('net_income') }} as net_income,
    {{ parse_number('rd_to_revenue_pct') }} as rd_to_revenue_pct
from {{ source('whitepaper', 'whitepaper__listed_biotech_by_segment') }}
