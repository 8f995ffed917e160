-- every edition's rows of fct_university_rankings: one per document that prints the grain; fct_university_rankings keeps the
-- newest edition's, fct_figure_vintages lists them all
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
    source_page,
    source_row,
    null::varchar as source_column
from {{ ref('stg_alliance_plan__university_rankings') }}
