-- grain: year × metric (表 4-15). Amounts printed in 新臺幣億元 are also given in TWD.
select * from {{ ref('int_listed_biotech_financials__editions') }} as f
{{ latest_edition_only(['year', 'metric']) }}
