-- grain: one row per year × review type
select * from {{ ref('int_drug_review_performance__editions') }} as f
{{ latest_edition_only(['year', 'review_type']) }}
