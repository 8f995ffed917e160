select
    report_id,
    table_id as source_table,
    source_page,
    row_number as source_row,
    try_cast({{ parse_number('item_no') }} as integer) as item_no,
    {{ parse_date('approval_date') }} as approval_date,
    {{ licence_columns('licence_no') }},
    {{ clean_text('product_name_zh') }} as product_name_zh,
    {{ company_columns('manufacturer_zh') }},
    {{ clean_text('intended_use_zh') }} as intended_use_zh
from {{ source('whitepaper', 'whitepaper__class_iii_devices') }}
