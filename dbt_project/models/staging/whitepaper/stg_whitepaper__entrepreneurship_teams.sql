select
    report_id,
    table_id as source_table,
    source_page,
    row_number as source_row,
    {{ squash_cjk_spaces('metric_zh') }} as metric_zh,
    {{ parse_number('smart_health_2022') }} as smart_health_2022,
    {{ parse_number('smart_health_2023') }} as smart_health_2023,
    {{ parse_number('smart_health_2024') }} as smart_health_2024,
    {{ parse_number('diversified_agriculture_2022') }} as diversified_agriculture_2022,
    {{ parse_number('diversified_agriculture_2023') }} as diversified_agriculture_2023,
    {{ parse_number('diversified_agriculture_2024') }} as diversified_agriculture_2024
from {{ source('whitepaper', 'whitepaper__entrepreneurship_teams') }}
