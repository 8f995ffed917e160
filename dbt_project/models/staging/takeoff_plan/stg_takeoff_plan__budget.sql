-- 表 4-1: budget by domain (經費領域) for ROC fiscal years 102-104, in 億元 (1e8 TWD)
select
    report_id,
    table_id as source_table,
    source_page,
    row_number as source_row,
    {{ squash_cjk_spaces('domain_zh') }} as domain_zh,
    {{ squash_cjk_spaces('domain_zh') }} in ('合計', '總計') as is_total_row,
    {{ parse_number('fy2013') }} as fy2013,
    {{ parse_number('fy2014') }} as fy2014,
    {{ parse_number('fy2015') }} as fy2015,
    {{ parse_number('total_3yr') }} as total_3yr
from {{ source('takeoff_plan', 'takeoff_plan__budget') }}
