-- grain: plan × fiscal year × grade, in person-years (form B004, 人/年). 總人力 (total) is
-- kept as grade 'total' only for the years that print no breakdown (108-110 / 2019-2021);
-- where a breakdown is printed, its total is a check.
select * from {{ ref('int_plan_staffing__editions') }} as f
{{ latest_edition_only(['plan_name_zh', 'fiscal_year', 'grade']) }}
