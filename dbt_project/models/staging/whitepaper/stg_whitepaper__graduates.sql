select
    report_id,
    table_id as source_table,
    source_page,
    row_number as source_row,
    {{ squash_cjk_spaces('field_zh') }} as field_zh,
    {{ parse_number('doctoral') }} as doctoral,
    {{ parse_number('masters') }} as masters,
    {{ parse_number('bachelor') }} as bachelor,
    {{ parse_number('associate') }} as associate,
    {{ parse_number('total') }} as total
from {{ source('whitepaper', 'whitepaper__graduates') }}
