-- every edition's rows of fct_government_budget: one per document that prints the grain; fct_government_budget keeps the
-- newest edition's, fct_figure_vintages lists them all
select
    plan_code,
    plan_zh,
    coalesce(domain_zh, expense_class) as budget_line,
    domain_zh,
    case domain_zh when '藥品' then 'pharmaceuticals' when '醫材' then 'medical_devices'
        when '醫管' then 'healthcare_management' when '人才' then 'talent' end as domain,
    expense_class,
    fiscal_year,
    amount_twd,
    amount_printed,
    unit_printed,
    report_id,
    source_table,
    source_page,
    source_row,
    source_column
from {{ ref('int_government_budget_unioned') }}
