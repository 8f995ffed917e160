-- every edition's rows of fct_entrepreneurship_teams: one per document that prints the grain; fct_entrepreneurship_teams keeps the
-- newest edition's, fct_figure_vintages lists them all
with unpivoted as (
    unpivot {{ ref('stg_whitepaper__entrepreneurship_teams') }}
    on smart_health_2022, smart_health_2023, smart_health_2024,
       diversified_agriculture_2022, diversified_agriculture_2023, diversified_agriculture_2024
    into name domain_year value value
)

select
    try_cast(right(domain_year, 4) as integer) as year,
    regexp_extract(domain_year, '^(.*)_\d{4}$', 1) as domain,
    case when domain_year like 'smart_health%' then '智慧健康' else '多元農業' end as domain_zh,
    case metric_zh
        when '培訓輔導人次' then 'trainees'
        when '培訓團隊' then 'teams_trained'
        when '成功創業團隊' then 'teams_started_up'
        when '成立公司' then 'companies_founded'
        when '技轉或spin-in企業團隊' then 'tech_transfer_or_spin_in_teams'
        when '企業媒合進行產學合作團隊' then 'industry_matched_teams'
        when '籌備創業中團隊' then 'teams_preparing_startup'
        when '參加計畫外相關競賽獲獎團隊' then 'award_winning_teams'
        when '進一步輔導新創企業團隊' then 'startups_further_supported'
    end as metric,
    metric_zh,
    try_cast(value as integer) as value,
    report_id,
    source_table,
    source_page,
    source_row,
    domain_year as source_column
from unpivoted
