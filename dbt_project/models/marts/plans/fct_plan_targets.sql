-- grain: one printed numeric KPI target (2013 Takeoff plan 表 3-1/3-7; 2017 alliance plan B003)
select
    plan_code,
    programme_zh,
    fiscal_year,
    indicator_zh,
    target_value,
    target_value_max,
    target_unit,
    target_value_printed,
    target_value_max_printed,
    target_unit_zh,
    target_printed,
    report_id,
    source_table,
    source_page,
    source_row,
    source_column
from {{ ref('int_plan_targets_unioned') }}
