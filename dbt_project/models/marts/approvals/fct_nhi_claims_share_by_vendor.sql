-- grain: year × vendor type (表 4-9); the 小計 row (100.0) is a check
select * from {{ ref('int_nhi_claims_share_by_vendor__editions') }} as f
{{ latest_edition_only(['year', 'vendor_type']) }}
