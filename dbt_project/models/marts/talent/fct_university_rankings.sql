-- grain: ranking edition × school (2017 alliance plan, 表1: THE World University Rankings 2015-2016)
select * from (
    select
        '2015-2016' as ranking_edition,
        2016 as year,
        school_zh,
        teaching_score,
        research_score,
        citations_score,
        international_outlook_score,
        industry_income_score,
        rank_printed,
        rank_from,
        rank_to,
        report_id,
        source_table,
        source_page
    from {{ ref('stg_alliance_plan__university_rankings') }}
) as f
{{ latest_edition_only(['ranking_edition', 'school_zh']) }}
