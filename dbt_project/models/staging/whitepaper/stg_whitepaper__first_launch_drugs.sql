select
    report_id,
    table_id as source_table,
    source_page,
    row_number as source_row,
    try_cast({{ parse_number('item_no') }} as integer) as item_no,
    {{ licence_columns('licence_no') }},
    {{ clean_text('product_name_zh') }} as product_name_zh,
    {{ company_columns('company_zh') }}
from {{ source('whitepaper', 'whitepaper__first_launch_drugs') }}
