-- grain: year × therapeutic area × new-drug category (表 4-2); the printed 合計 row and
-- column are checks (expectations), not facts
select * from {{ ref('int_clinical_trial_approvals_by_area__editions') }} as f
{{ latest_edition_only(['year', 'therapeutic_area_code', 'drug_category']) }}
