-- grain: year × industry segment (表 4-16); money printed in 新臺幣億元, given in TWD
select * from {{ ref('int_listed_biotech_by_segment__editions') }} as f
{{ latest_edition_only(['year', 'segment_code']) }}
