select
    report_id,
    table_id as source_table,
    source_page,
    row_number as source_row,
    try_cast({{ parse_number('item_no') }} as integer) as item_no,
    {{ company_name('applicant_zh') }} as applicant_name,
    {{ clean_text('product_zh') }} as product_zh,
    case trim(is_new_drug_zh) when '是' then true when '否' then false end as is_new_drug,
    trim(is_new_drug_zh) as is_new_drug_zh
from {{ source('whitepaper', 'whitepaper__animal_biologics_field_trials') }}
