-- grain: plan × domain or expense class × fiscal year, in TWD
select * from {{ ref('int_government_budget__editions') }} as f
{{ latest_edition_only(['plan_code', 'budget_line', 'fiscal_year']) }}
