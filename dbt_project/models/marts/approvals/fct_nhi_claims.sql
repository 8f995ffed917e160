-- grain: drug group × year; NHI claim amounts printed in 新臺幣萬元 (表 4-5, 4-8), in TWD
select * from {{ ref('int_nhi_claims__editions') }} as f
{{ latest_edition_only(['drug_group', 'year']) }}
