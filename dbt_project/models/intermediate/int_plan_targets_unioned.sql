-- Numeric KPI targets printed by the 2013 Takeoff plan (表 3-1, 3-7) and the 2017 alliance
-- plan (form B003, full term). The first number of the printed target is the value
-- (a range "2-6件" keeps its upper bound in target_value_max); its unit is the text after it.
with takeoff as (
    select report_id, source_table, source_page, source_row, 'target_printed' as source_column, 'takeoff_plan_2013' as plan_code,
           programme_zh, fiscal_year, indicator_zh, target_printed
    from {{ ref('stg_takeoff_plan__pharma_kpis') }}
    union all
    select report_id, source_table, source_page, source_row, 'target_printed', 'takeoff_plan_2013',
           programme_zh, fiscal_year, indicator_zh, target_printed
    from {{ ref('stg_takeoff_plan__talent_kpis') }}
),

alliance as (
    select report_id, source_table, source_page, source_row, 'output_target_zh' as source_column, 'alliance_plan_2017' as plan_code,
           attribute_zh as programme_zh, null::integer as fiscal_year,
           indicator_zh, output_target_zh as target_printed
    from {{ ref('stg_alliance_plan__kpi_full_term') }}
),

both_plans as (
    select * from takeoff union all select * from alliance
),

parsed as (
    select
        *,
        regexp_extract(replace(target_printed, ',', ''), '(\d+(?:\.\d+)?)\s*(?:[-~至]\s*(\d+(?:\.\d+)?))?\s*(仟元|千元|萬元|億元|億|人次|件|項|場|家|位|名|案|人|個)?', ['low', 'high', 'unit']) as m
    from both_plans
    where target_printed is not null
        -- "102 年底前完成修正" is a deadline, not a quantity
        and not regexp_matches(target_printed, '^\D*\d+\s*年')
),

numbers as (
    select
        *,
        try_cast(nullif(m.low, '') as double) as target_value_printed,
        try_cast(nullif(m.high, '') as double) as target_value_max_printed,
        nullif(m.unit, '') as target_unit_zh,
        case nullif(m.unit, '') when '億元' then 100000000 when '億' then 100000000 when '萬元' then 10000
            when '仟元' then 1000 when '千元' then 1000 end as twd_multiplier
    from parsed
    where nullif(m.low, '') is not null
)

-- money targets in TWD, as every other mart; the printed number and unit stay beside them
select
    report_id, source_table, source_page, source_row, source_column, plan_code, programme_zh, fiscal_year, indicator_zh,
    target_printed,
    case when twd_multiplier is not null then target_value_printed * twd_multiplier
         else target_value_printed end as target_value,
    case when twd_multiplier is not null then target_value_max_printed * twd_multiplier
         else target_value_max_printed end as target_value_max,
    case when twd_multiplier is not null then 'TWD'
         else case target_unit_zh when '人次' then 'person-times' when '件' then 'items' when '項' then 'items'
             when '場' then 'events' when '家' then 'companies' when '位' then 'persons' when '名' then 'persons'
             when '人' then 'persons' when '案' then 'cases' when '個' then 'units' end
    end as target_unit,
    target_value_printed,
    target_value_max_printed,
    target_unit_zh
from numbers
