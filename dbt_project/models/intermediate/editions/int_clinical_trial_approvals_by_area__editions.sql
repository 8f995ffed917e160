-- every edition's rows of fct_clinical_trial_approvals_by_area: one per document that prints the grain; fct_clinical_trial_approvals_by_area keeps the
-- newest edition's, fct_figure_vintages lists them all
with source as (
    select s.*, t.caption_year
    from {{ ref('stg_whitepaper__clinical_trial_approvals_by_area') }} s
    left join {{ ref('stg_twbio__tables') }} t on t.report_id = s.report_id and t.table_id = s.source_table
    where not s.is_total_row
),

unpivoted as (
    unpivot (select * exclude (total_printed, is_total_row) from source)
    on new_ingredient, new_indication, new_combination, new_dosage_form, new_route, biologic, vaccine,
       cell_gene_therapy, botanical
    into name drug_category value approvals
)

select
    u.caption_year as year,
    a.therapeutic_area_code,
    u.therapeutic_area_zh,
    u.drug_category,
    case u.drug_category
        when 'new_ingredient' then '新成分' when 'new_indication' then '新適應症'
        when 'new_combination' then '新複方' when 'new_dosage_form' then '新劑型'
        when 'new_route' then '新使用途徑' when 'biologic' then '生物藥品' when 'vaccine' then '疫苗'
        when 'cell_gene_therapy' then '細胞/基因' when 'botanical' then '植物萃取'
    end as drug_category_zh,
    u.approvals,
    u.report_id,
    u.source_table,
    u.source_page,
    u.source_row,
    u.drug_category as source_column
from unpivoted u
left join {{ ref('dim_therapeutic_area') }} a on a.therapeutic_area_zh = u.therapeutic_area_zh
