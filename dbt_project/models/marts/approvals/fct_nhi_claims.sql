-- grain: drug group × year; NHI claim amounts printed in 新臺幣萬元 (表 4-5, 4-8), in TWD
select * from (
    select
        drug_group,
        year,
        {{ to_twd('amount_printed', 10000) }} as amount_twd,
        amount_printed,
        '新臺幣萬元' as unit_printed,
        report_id,
        source_table,
        source_page
    from {{ ref('int_nhi_claims_unioned') }}
) as f
{{ latest_edition_only(['drug_group', 'year']) }}
