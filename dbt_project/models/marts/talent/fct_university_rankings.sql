-- grain: ranking edition × school (2017 alliance plan, 表1: THE World University Rankings 2015-2016)
select * from {{ ref('int_university_rankings__editions') }} as f
{{ latest_edition_only(['ranking_edition', 'school_zh']) }}
