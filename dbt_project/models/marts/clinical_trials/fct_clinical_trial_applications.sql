-- grain: year × product type × breakdown × category × metric (tidy: one number per row);
-- from the white paper's running text (its charts, 圖 4-1 and 4-2, are images)
select * from (
    select
        year,
        product_type,
        breakdown,
        category,
        metric,
        try_cast(value as decimal(18, 2)) as value,
        value_printed,
        unit_printed,
        report_id,
        statement_id,
        source_section,
        source_page,
        source_text
    from {{ ref('stg_twbio__statement_figures') }}
    where fact = 'clinical_trial_applications'
) as f
{{ latest_edition_only(['year', 'product_type', 'breakdown', 'category', 'metric']) }}
