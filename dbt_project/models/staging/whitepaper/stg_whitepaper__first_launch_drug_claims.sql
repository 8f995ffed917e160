select
    report_id,
    table_id as source_table,
    source_page,
    row_number as source_row,
    {{ squash_cjk_spaces('label_zh') }} as label_zh,
    {{ parse_number('y2020') }} as y2020,
    {{ parse_number('y2021') }} as y2021,
    {{ parse_number('y2022') }} as y2022,
    {{ parse_number('y2023') }} as y2023,
    {{ parse_number('y2024') }} as y2024
from {{ source('whitepaper', 'whitepaper__first_launch_drug_claims') }}
