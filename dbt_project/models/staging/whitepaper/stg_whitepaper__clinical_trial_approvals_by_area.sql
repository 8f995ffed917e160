select
    report_id,
    table_id as source_table,
    source_page,
    row_number as source_row,
    {{ squash_cjk_spaces('therapeutic_area_zh') }} as therapeutic_area_zh,
    regexp_replace(therapeutic_area_zh, '\s+', '', 'g') in ('合計', '總計') as is_total_row,
    try_cast({{ parse_number('new_ingredient') }} as integer) as new_ingredient,
    try_cast({{ parse_number('new_indication') }} as integer) as new_indication,
    try_cast({{ parse_number('new_combination') }} as integer) as new_combination,
    try_cast({{ parse_number('new_dosage_form') }} as integer) as new_dosage_form,
    try_cast({{ parse_number('new_route') }} as integer) as new_route,
    try_cast({{ parse_number('biologic') }} as integer) as biologic,
    try_cast({{ parse_number('vaccine') }} as integer) as vaccine,
    try_cast({{ parse_number('cell_gene_therapy') }} as integer) as cell_gene_therapy,
    try_cast({{ parse_number('botanical') }} as integer) as botanical,
    try_cast({{ parse_number('total') }} as integer) as total_printed
from {{ source('whitepaper', 'whitepaper__clinical_trial_approvals_by_area') }}
