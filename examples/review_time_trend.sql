-- How fast does Taiwan's FDA review new-drug applications, and is it getting faster?
-- Mean review days and first-round approval rate by year, IND vs NDA, 2020-2024.
select
    year,
    max(mean_review_days) filter (where review_type = 'ind') as ind_mean_days,
    max(mean_review_days) filter (where review_type = 'nda') as nda_mean_days,
    max(first_round_approval_rate_pct) filter (where review_type = 'nda') as nda_first_round_approval_pct,
    max(cases) filter (where review_type = 'nda') as nda_cases
from marts.fct_drug_review_performance
group by year
order by year;
