-- Government budgets from two plans, in TWD: the 2013 Takeoff plan's 表 4-1 (億元 by
-- domain and ROC fiscal year) and the 2017 alliance plan's form B005 (千元 by expense
-- class). Printed totals (合計 row, 三年合計 column, 小計) are left out: they are checks.
with takeoff_budget as (
    select * exclude (total_3yr) from {{ ref('stg_takeoff_plan__budget') }} where not is_total_row
),

alliance_budget as (
    select * exclude (plan_goal_zh, plan_nature_zh) from {{ ref('stg_alliance_plan__budget') }}
),

takeoff as (
    unpivot takeoff_budget on fy2013, fy2014, fy2015 into name fy value amount_printed
),

alliance as (
    unpivot alliance_budget
    on columns(* exclude (report_id, source_table, source_page, source_row, plan_name_zh))
    into name budget_column value amount_printed
)

select
    report_id, source_table, source_page, source_row, fy as source_column,
    'takeoff_plan_2013' as plan_code,
    '臺灣生技產業起飛行動方案' as plan_zh,
    domain_zh,
    null as expense_class,
    try_cast(substr(fy, 3) as integer) as fiscal_year,
    amount_printed,
    '億元' as unit_printed,
    {{ to_twd('amount_printed', 100000000) }} as amount_twd
from takeoff

union all

select
    report_id, source_table, source_page, source_row, budget_column as source_column,
    'alliance_plan_2017' as plan_code,
    plan_name_zh as plan_zh,
    null as domain_zh,
    regexp_extract(budget_column, '^fy\d{4}_(.+)$', 1) as expense_class,
    try_cast(regexp_extract(budget_column, '^fy(\d{4})', 1) as integer) as fiscal_year,
    amount_printed,
    '千元' as unit_printed,
    {{ to_twd('amount_printed', 1000) }} as amount_twd
from alliance
where amount_printed is not null
    and budget_column not like '%subtotal'
