with source as (
    select * from {{ source('whitepaper', 'whitepaper__drug_reviews') }}
),

renamed as (
    select
        report_id,
        table_id as source_table,
        source_page,
        row_number as source_row,
        {{ to_ad_year('year') }} as year,
        case
            when review_type_zh like '%臨床試驗%' then 'ind'
            when review_type_zh like '%查驗登記%' then 'nda'
        end as review_type,
        trim(review_type_zh) as review_type_zh,
        try_cast({{ parse_number('cases') }} as integer) as cases,
        try_cast({{ parse_number('mean_review_days') }} as integer) as mean_review_days,
        {{ parse_number('first_round_approval_rate_pct') }} as first_round_approval_rate_pct
    from source
)

select * from renamed
