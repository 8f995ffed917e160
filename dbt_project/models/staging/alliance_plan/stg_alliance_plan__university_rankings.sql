-- 表1: THE World University Rankings 2015-2016, pillar scores (0-100) and printed rank
select
    report_id,
    table_id as source_table,
    source_page,
    row_number as source_row,
    {{ squash_cjk_spaces('school_zh') }} as school_zh,
    {{ parse_number('teaching') }} as teaching_score,
    {{ parse_number('research') }} as research_score,
    {{ parse_number('citations') }} as citations_score,
    {{ parse_number('international_outlook') }} as international_outlook_score,
    {{ parse_number('industry_income') }} as industry_income_score,
    trim(rank_printed) as rank_printed,
    try_cast(regexp_extract(rank_printed, '^(\d+)', 1) as integer) as rank_from,
    try_cast(coalesce(nullif(regexp_extract(rank_printed, '-\s*(\d+)$', 1), ''), regexp_extract(rank_printed, '^(\d+)', 1)) as integer) as rank_to
from {{ source('alliance_plan', 'alliance_plan__university_rankings') }}
