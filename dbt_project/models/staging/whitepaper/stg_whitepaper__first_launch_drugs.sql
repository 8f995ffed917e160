select
    report_id,
    table_id as source_table,
    source_page,
    row_number as source_row,
    cast({{ parse_number('item_no') }} as integer) as item_no,
    {{ licence_no('licence_no') }} as licence_no,
    {{ licence_issuer('licence_no') }} as licence_issuer,
    {{ licence_serial('licence_no') }} as licence_serial,
    trim(licence_no) as licence_no_printed,
    {{ clean_text('product_name_zh') }} as product_name_zh,
    {{ company_name('company_zh') }} as company_name,
    {{ company_site('company_zh') }} as company_site
from {{ source('whitepaper', 'whitepaper_2025__first_launch_drugs') }}
