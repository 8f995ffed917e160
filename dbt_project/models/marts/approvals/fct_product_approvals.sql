-- grain: one licence (許可證字號). A licence printed in several tables (e.g. a first-launch
-- drug that is also a 2019-2024 domestic new drug) is one product: flags are OR-ed, values
-- come from the most specific table that prints them, and every source table is listed.
with appearances as (
    select * from {{ ref('int_product_approvals_unioned') }} where licence_no is not null
)

select
    licence_no,
    any_value(licence_issuer) as licence_issuer,
    any_value(licence_serial) as licence_serial,
    min(product_type) as product_type,
    min(approval_date) as approval_date,
    try_cast(year(min(approval_date)) as integer) as approval_year,
    arg_min(product_name_zh, source_priority) filter (where product_name_zh is not null) as product_name_zh,
    {{ company_id("arg_min(company_name, source_priority) filter (where company_name is not null)") }} as company_id,
    arg_min(company_name, source_priority) filter (where company_name is not null) as company_name,
    arg_min(company_site, source_priority) filter (where company_site is not null) as company_site,
    arg_min(product_category_zh, source_priority) filter (where product_category_zh is not null) as product_category_zh,
    arg_min(indication_zh, source_priority) filter (where indication_zh is not null) as indication_zh,
    bool_or(is_first_launch_nhi) as is_first_launch_nhi,
    bool_or(is_novel_device) as is_novel_device,
    bool_or(is_class_iii_device) as is_class_iii_device,
    any_value(nhi_status) filter (where nhi_status is not null) as nhi_status,
    any_value(nhi_status_zh) filter (where nhi_status_zh is not null) as nhi_status_zh,
    any_value(nhi_listed_date) filter (where nhi_listed_date is not null) as nhi_listed_date,
    any_value(nhi_listing_price_twd) filter (where nhi_listing_price_twd is not null) as nhi_listing_price_twd,
    string_agg(distinct licence_no_printed, ' | ') as licence_no_printed,
    string_agg(distinct source_table, ',' order by source_table) as source_tables,
    arg_min(report_id, source_priority) as report_id,
    arg_min(source_table, source_priority) as source_table,
    arg_min(source_page, source_priority) as source_page
from appearances
group by licence_no
