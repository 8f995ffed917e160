-- grain: year × industry segment; from the white paper's running text (its chart, 圖 4-3,
-- is an image). Money printed in 新臺幣億元, given in TWD.
select * from {{ ref('int_industry_investment__editions') }} as f
{{ latest_edition_only(['year', 'segment_code']) }}
