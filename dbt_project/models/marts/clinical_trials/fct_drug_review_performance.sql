-- grain: one row per year × review type
select * from (
    select
        year,
        review_type,
        review_type_zh,
        cases,
        mean_review_days,
        first_round_approval_rate_pct,
        report_id,
        source_table,
        source_page
    from {{ ref('stg_whitepaper__drug_reviews') }}
) as f
{{ latest_edition_only(['year', 'review_type']) }}
