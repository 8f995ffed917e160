select
    report_id,
    table_id as source_table,
    source_page,
    row_number as source_row,
    {{ squash_cjk_spaces('therapeutic_area_zh') }} as therapeutic_area_zh,
    regexp_replace(therapeutic_area_zh, '\s+', '', 'g') in ('合計', '總計') as is_total_row,
    cast({{ parse_number('new_ingredient') }} as integer) as new_ingredient,
    cast({{ parse_number('new_indication') }} as integer) as new_indication,
    cast({{ parse_number('new_combination') }} as integer) as new_combination,
    cast({{ parse_number('new_dosage_form') }} as integer) as new_dosage_form,
    cast({{ parse_number('new_route') }} as integer) as new_route,
    cast({{ parse_number('biologic') }} as integer) as biologic,
    cast({{ parse_number('vaccine') }} as integer) as vaccine,
    cast({{ parse_number('cell_gene_therapy') }} as integer) as cell_gene_therapy,
    cast({{ parse_number('botanical') }} as integer) as botanical,
    cast({{ parse_number('total') }} as integer) as total_printed
from {{ source('whitepaper', 'whitepaper_2025__clinical_trial_approvals_by_area') }}
