-- grain: year × field of study × degree (表 4-17). The 4 學門小計 and 總計 rows, the
-- share row and the 總計 column are checks, not facts; the all-fields total of the year
-- is kept apart as is_all_fields_total so shares can be computed.
select * from (
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
        source_page
    from unpivoted
) as f
{{ latest_edition_only(['year', 'field', 'degree']) }}
