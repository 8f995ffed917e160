-- grain: approval year × NHI listing status (表 4-7); 小計 row and 總計 column are checks
select * from (
    with unpivoted as (
        unpivot (
            select * exclude (total) from {{ ref('stg_whitepaper__nhi_listing_status') }}
            where status_zh not in ('小計', '總計', '合計')
        ) on y2019, y2020, y2021, y2022, y2023, y2024 into name year_column value drugs
    )

    select
        try_cast(substr(year_column, 2) as integer) as year,
        case status_zh
            when '廠商未申請' then 'not_applied'
            when '非屬健保給付範圍' then 'not_covered'
            when '健保已收載' then 'listed'
            when '經決議不納入健保給付' then 'rejected'
            when '審查中' then 'under_review'
        end as nhi_status,
        status_zh as nhi_status_zh,
        try_cast(drugs as integer) as drugs,
        report_id,
        source_table,
        source_page
    from unpivoted
) as f
{{ latest_edition_only(['year', 'nhi_status']) }}
