-- grain: year × industry segment; from the white paper's running text (its chart, 圖 4-3,
-- is an image). Money printed in 新臺幣億元, given in TWD.
select * from (
    select
        r.year,
        r.segment_code,
        d.segment_zh,
        d.segment_en,
        d.parent_segment_code,
        r.segment_code = 'biotech_industry' as is_total,
        {{ to_twd('r.amount_printed', 'r.twd_multiplier') }} as amount_twd,
        r.amount_printed,
        r.unit_printed,
        r.reconciliation,
        r.other_values_printed,
        r.other_source_texts,
        r.report_id,
        r.statement_id,
        r.source_section,
        r.source_page,
        r.source_text
    from {{ ref('int_industry_investment_reconciled') }} r
    left join {{ ref('dim_industry_segment') }} d using (segment_code)
) as f
{{ latest_edition_only(['year', 'segment_code']) }}
