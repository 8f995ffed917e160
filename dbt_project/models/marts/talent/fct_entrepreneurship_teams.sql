-- grain: year × domain × metric (表 4-18, two-level header domain > year)
select * from {{ ref('int_entrepreneurship_teams__editions') }} as f
{{ latest_edition_only(['year', 'domain', 'metric']) }}
