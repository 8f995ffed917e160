-- every edition's rows of dim_incubator: one per document that prints the grain; dim_incubator keeps the
-- newest edition's, fct_figure_vintages lists them all
select
    substr(md5(incubator_zh), 1, 12) as incubator_id,
    incubator_zh,
    region_zh,
    case region_zh when '北部' then 'north' when '中部' then 'central' when '南部' then 'south'
        when '東部' then 'east' when '離島' then 'offshore_islands' end as region,
    is_shifted_row as is_region_missing_in_source,
    item_no,
    report_id,
    source_table,
    source_page
from {{ ref('stg_whitepaper__incubators') }}
