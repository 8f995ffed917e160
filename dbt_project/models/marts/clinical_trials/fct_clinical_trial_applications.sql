-- grain: year × product type × breakdown × category × metric (tidy: one number per row);
-- from the white paper's running text (its charts, 圖 4-1 and 4-2, are images)
select * from {{ ref('int_clinical_trial_applications__editions') }} as f
{{ latest_edition_only(['year', 'product_type', 'breakdown', 'category', 'metric']) }}
