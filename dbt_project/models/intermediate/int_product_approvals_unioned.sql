-- Every licence printed in the approval tables, one row per table appearance.
-- 4-4 first-launch drugs (NHI), 4-6 domestic new drugs 2019-2024 with NHI status,
-- 4-10 domestic new drugs 2024, 4-12 novel devices, 4-13 class III devices,
-- 4-14 agricultural biologics.
select
    'drug' as product_type, licence_no, licence_issuer, licence_serial, licence_no_printed,
    null::date as approval_date, product_name_zh, company_name, company_site,
    null as product_category_zh, null as indication_zh,
    true as is_first_launch_nhi, false as is_novel_device, false as is_class_iii_device,
    null as nhi_status, null as nhi_status_zh, null::date as nhi_listed_date, null::double as nhi_listing_price_twd,
    report_id, source_table, source_page, source_row, 1 as source_priority
from {{ ref('stg_whitepaper__first_launch_drugs') }}
union all
select
    'drug', licence_no, licence_issuer, licence_serial, licence_no_printed,
    approval_date, product_name_zh, company_name, company_site,
    null, null,
    false, false, false,
    nhi_status, nhi_status_zh, nhi_listed_date, nhi_listing_price_twd,
    report_id, source_table, source_page, source_row, 2
from {{ ref('stg_whitepaper__domestic_new_drug_nhi_status') }}
union all
select
    'drug', licence_no, licence_issuer, licence_serial, licence_no_printed,
    approval_date, product_name_zh, company_name, company_site,
    product_type_zh, indication_zh,
    false, false, false,
    null, null, null, null,
    report_id, source_table, source_page, source_row, 3
from {{ ref('stg_whitepaper__domestic_new_drug_approvals') }}
union all
select
    'medical_device', licence_no, licence_issuer, licence_serial, licence_no_printed,
    approval_date, product_name_zh, company_name, company_site,
    null, intended_use_zh,
    false, true, false,
    null, null, null, null,
    report_id, source_table, source_page, source_row, 4
from {{ ref('stg_whitepaper__novel_devices') }}
union all
select
    'medical_device', licence_no, licence_issuer, licence_serial, licence_no_printed,
    approval_date, product_name_zh, company_name, company_site,
    null, intended_use_zh,
    false, false, true,
    null, null, null, null,
    report_id, source_table, source_page, source_row, 5
from {{ ref('stg_whitepaper__class_iii_devices') }}
union all
select
    'agricultural_biologic', licence_no, licence_issuer, licence_serial, licence_no_printed,
    approval_date, product_name_zh, company_name, company_site,
    product_type_zh, efficacy_zh,
    false, false, false,
    null, null, null, null,
    report_id, source_table, source_page, source_row, 6
from {{ ref('stg_whitepaper__agricultural_biologics_approvals') }}
