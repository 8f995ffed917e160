-- one row per number a catalogued statement captures; money in TWD, as every mart wants it
with source as (
    select * from {{ source('twbio', 'statement_figures') }}
),

renamed as (
    select
        report_id,
        statement_id,
        figure,
        fact,
        metric,
        year,
        value_printed,
        {{ parse_number('value_printed') }} as value,
        unit_printed,
        case
            when unit_printed in ('新臺幣億元', '億元') then 100000000
            when unit_printed in ('新臺幣萬元', '萬元') then 10000
            when unit_printed in ('新臺幣千元', '千元') then 1000
        end as twd_multiplier,
        dimensions ->> 'segment' as segment_code,
        dimensions ->> 'product_type' as product_type,
        dimensions ->> 'breakdown' as breakdown,
        dimensions ->> 'category' as category,
        section as source_section,
        page as source_page,
        {{ clean_text('source_text') }} as source_text,
        block_index,
        char_start,
        char_end,
        sentence_start,
        sentence_end
    from source
)

select * from renamed
