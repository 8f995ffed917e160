-- grain: year × vendor type (表 4-9); the 小計 row (100.0) is a check
select * from (
    with unpivoted as (
        unpivot (
            select * from {{ ref('stg_whitepaper__nhi_claims_share_by_vendor') }}
            where vendor_type_zh not in ('小計', '合計', '總計')
        ) on y2019, y2020, y2021, y2022, y2023, y2024 into name year_column value share_pct
    )

    select
        try_cast(substr(year_column, 2) as integer) as year,
        case vendor_type_zh when '研發廠' then 'originator' when '代理商' then 'importer_agent'
            when '國產廠' then 'domestic_manufacturer' end as vendor_type,
        vendor_type_zh,
        share_pct,
        report_id,
        source_table,
        source_page
    from unpivoted
) as f
{{ latest_edition_only(['year', 'vendor_type']) }}
