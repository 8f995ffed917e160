-- every company or institution named in the facts; company_id is a hash of the
-- normalised name, so the same company gets the same id in every report
with named as (
    select company_name from {{ ref('int_product_approvals_unioned') }}
    union all
    select applicant_name from {{ ref('stg_whitepaper__animal_biologics_field_trials') }}
)

select distinct
    {{ company_id('company_name') }} as company_id,
    company_name as company_name_zh,
    regexp_matches(company_name, '(大學|學院|研究院|研究所|醫院|財團法人|委員會|核能研究所|部|署)')
        and not regexp_matches(company_name, '公司$') as is_public_institution
from named
where company_name is not null
