-- grain: plan × fiscal year × grade, in person-years (form B004, 人/年). 總人力 (total) is
-- kept as grade 'total' only for the years that print no breakdown (108-110 / 2019-2021);
-- where a breakdown is printed, its total is a check.
select * from (
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
        source_page
    from parsed
    where grade <> 'total' or fiscal_year not in (select fiscal_year from with_breakdown)
) as f
{{ latest_edition_only(['plan_name_zh', 'fiscal_year', 'grade']) }}
