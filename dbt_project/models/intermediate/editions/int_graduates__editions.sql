-- every edition's rows of fct_graduates: one per document that prints the grain; fct_graduates keeps the
-- newest edition's, fct_figure_vintages lists them all
with source as (
    select s.*, t.caption_year
    from {{ ref('stg_whitepaper__graduates') }} s
    left join {{ ref('stg_twbio__tables') }} t on t.report_id = s.report_id and t.table_id = s.source_table
    where s.field_zh not like '%小計%' and s.field_zh not like '%/%'
),

unpivoted as (
    unpivot (select * exclude (total) from source)
    on doctoral, masters, bachelor, associate into name degree value graduates
)

select
    caption_year as year,
    case
        when field_zh like '%總計%' then 'all_fields'
        when field_zh = '生命科學' then 'life_sciences'
        when field_zh = '農業' then 'agriculture'
        when field_zh = '獸醫' then 'veterinary'
        when field_zh = '醫藥衛生' then 'medicine_and_health'
    end as field,
    field_zh,
    field_zh like '%總計%' as is_all_fields_total,
    degree,
    case degree when 'doctoral' then '博士' when 'masters' then '碩士' when 'bachelor' then '大學'
        when 'associate' then '專科' end as degree_zh,
    try_cast(graduates as integer) as graduates,
    report_id,
    source_table,
    source_page,
    source_row,
    degree as source_column
from unpivoted
