select
    report_id,
    table_id as source_table,
    source_page,
    row_number as source_row,
    {{ clean_text('attribute_zh') }} as attribute_zh,
    {{ clean_text('indicator_zh') }} as indicator_zh,
    {{ clean_text('output_target_zh') }} as output_target_zh,
    {{ clean_text('expected_benefit_zh') }} as expected_benefit_zh
from {{ source('alliance_plan', 'alliance_plan__kpi_full_term') }}
