-- every edition's rows of fct_clinical_trial_applications: one per document that prints the grain; fct_clinical_trial_applications keeps the
-- newest edition's, fct_figure_vintages lists them all
select
    year,
    product_type,
    breakdown,
    category,
    metric,
    try_cast(value as double) as value,
    value_printed,
    unit_printed,
    report_id,
    statement_id,
    source_section,
    source_page,
    source_text
from {{ ref('stg_twbio__statement_figures') }}
where fact = 'clinical_trial_applications'
