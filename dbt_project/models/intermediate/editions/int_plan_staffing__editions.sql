-- every edition's rows of fct_plan_staffing: one per document that prints the grain; fct_plan_staffing keeps the
-- newest edition's, fct_figure_vintages lists them all
with unpivoted as (
    unpivot {{ ref('stg_alliance_plan__staffing') }}
    on columns(* exclude (report_id, source_table, source_page, source_row, plan_name_zh))
    into name staffing_column value person_years
),

parsed as (
    select
        *,
        try_cast(regexp_extract(staffing_column, '^fy(\d{4})', 1) as integer) as fiscal_year,
        regexp_extract(staffing_column, '^fy\d{4}_(.+)$', 1) as grade
    from unpivoted
),

with_breakdown as (
    select distinct fiscal_year from parsed where grade <> 'total'
)

select
    plan_name_zh,
    fiscal_year,
    grade,
    case grade when 'total' then '總人力' when 'researcher' then '研究員級(含)以上'
        when 'associate_researcher' then '副研究員級' when 'assistant_researcher' then '助理研究員級'
        when 'research_assistant' then '研究助理級' when 'technician' then '技術人員' when 'other' then '其他'
    end as grade_zh,
    person_years,
    report_id,
    source_table,
    source_page,
    source_row,
    staffing_column as source_column
from parsed
where grade <> 'total' or fiscal_year not in (select fiscal_year from with_breakdown)
