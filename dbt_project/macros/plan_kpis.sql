{#- The KPI tables of the 2013 plan (表 3-1, 3-7) print the same four columns. -#}
{% macro stage_plan_kpis(relation) -%}
-- group rows ("1-1.推動…(國科會、經濟部…)") span all columns: they name the programme of
-- the rows below them and are carried down as programme_zh
with source as (
    select * from {{ relation }}
),

flagged as (
    select
        *,
        fiscal_year_roc = indicator_zh and indicator_zh = target_printed as is_group_row
    from source
),

grouped as (
    select
        *,
        sum(case when is_group_row then 1 else 0 end) over (order by row_number) as group_no
    from flagged
),

with_programme as (
    select
        *,
        max(case when is_group_row then indicator_zh end) over (partition by group_no) as programme_printed
    from grouped
)

select
    report_id,
    table_id as source_table,
    source_page,
    row_number as source_row,
    {{ clean_text('programme_printed') }} as programme_zh,
    {{ to_ad_year('fiscal_year_roc') }} as fiscal_year,
    {{ clean_text('indicator_zh') }} as indicator_zh,
    {{ clean_text('target_printed') }} as target_printed,
    {{ clean_text('benefit_zh') }} as benefit_zh
from with_programme
where not is_group_row
{%- endmacro %}
