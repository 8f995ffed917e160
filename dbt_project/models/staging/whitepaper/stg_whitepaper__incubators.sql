-- 表 4-19 prints one row shifted (item 16): the institution name sits in the 區域 column
-- and 創育機構名稱 is empty. The region is then unknown, not the institution's name.
with source as (
    select * from {{ source('whitepaper', 'whitepaper__incubators') }}
)

select
    report_id,
    table_id as source_table,
    source_page,
    row_number as source_row,
    try_cast({{ parse_number('item_no') }} as integer) as item_no,
    case when {{ clean_text('incubator_zh') }} is null and length(trim(region_zh)) > 3 then null
         else trim(region_zh) end as region_zh,
    coalesce({{ clean_text('incubator_zh') }}, case when length(trim(region_zh)) > 3 then trim(region_zh) end) as incubator_zh,
    ({{ clean_text('incubator_zh') }} is null and length(trim(region_zh)) > 3) as is_shifted_row
from source
