-- grain: approval year × NHI listing status (表 4-7); 小計 row and 總計 column are checks
select * from {{ ref('int_nhi_listing_status__editions') }} as f
{{ latest_edition_only(['year', 'nhi_status']) }}
