-- incubators whose fields include biotech (表 4-19); item 16 is printed shifted (its name
-- in the 區域 column): the name is recovered, the region is unknown and flagged
select * from (
    select
        substr(md5(incubator_zh), 1, 12) as incubator_id,
        incubator_zh,
        region_zh,
        case region_zh when '北部' then 'north' when '中部' then 'central' when '南部' then 'south'
            when '東部' then 'east' when '離島' then 'offshore_islands' end as region,
        is_shifted_row as is_region_missing_in_source,
        item_no,
        report_id,
        source_table,
        source_page
    from {{ ref('stg_whitepaper__incubators') }}
) as f
{{ latest_edition_only(['incubator_id']) }}
