-- grain: one approved field-trial application (表 4-3)
select
    t.caption_year as year,
    s.item_no,
    {{ company_id('s.applicant_name') }} as applicant_company_id,
    s.applicant_name,
    s.product_zh,
    s.is_new_drug,
    s.is_new_drug_zh,
    s.report_id,
    s.source_table,
    s.source_page,
    s.source_row,
    null::varchar as source_column
from {{ ref('stg_whitepaper__animal_biologics_field_trials') }} s
left join {{ ref('stg_twbio__tables') }} t on t.report_id = s.report_id and t.table_id = s.source_table
