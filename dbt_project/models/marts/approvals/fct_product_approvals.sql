-- grain: one licence (許可證字號). A licence printed in several tables (e.g. a first-launch
-- drug that is also a 2019-2024 domestic new drug) is one product: flags are OR-ed, values
-- come from the most specific table that prints them (then the newest edition), and every
-- source table is listed. Every choice has a total order (`preference`): the same rows give
-- the same mart in every build.
with appearances as (
    select
        *,
        row_number() over (partition by licence_no
                           order by source_priority, {{ edition_order('a.report_id') }}, source_table, source_page,
                                    licence_no_printed) as preference
    from {{ ref('int_product_approvals_unioned') }} as a
    where licence_no is not null
)

select
    licence_no,
    arg_min(licence_issuer, preference) as licence_issuer,
    arg_min(licence_serial, preference) as licence_serial,
    min(product_type) as product_type,
    min(approval_date) as approval_date,
    try_cast(year(min(approval_date)) as integer) as approval_year,
    arg_min(product_name_zh, preference) filter (where product_name_zh is not null) as product_name_zh,
    {{ company_id("arg_min(company_name, preference) filter (where company_name is not null)") }} as company_id,
    arg_min(company_name, preference) filter (where company_name is not null) as company_name,
    arg_min(company_site, preference) filter (where company_site is not null) as company_site,
    arg_min(product_category_zh, preference) filter (where product_category_zh is not null) as product_category_zh,
    arg_min(indication_zh, preference) filter (where indication_zh is not null) as indication_zh,
    bool_or(is_first_launch_nhi) as is_first_launch_nhi,
    bool_or(is_novel_device) as is_novel_device,
    bool_or(is_class_iii_device) as is_class_iii_device,
    arg_min(nhi_status, preference) filter (where nhi_status is not null) as nhi_status,
    arg_min(nhi_status_zh, preference) filter (where nhi_status_zh is not null) as nhi_status_zh,
    arg_min(nhi_listed_date, preference) filter (where nhi_listed_date is not null) as nhi_listed_date,
    arg_min(nhi_listing_price_twd, preference) filter (where nhi_listing_price_twd is not null) as nhi_listing_price_twd,
    string_agg(distinct licence_no_printed, ' | ' order by licence_no_printed) as licence_no_printed,
    string_agg(distinct source_table, ',' order by source_table) as source_tables,
    arg_min(report_id, preference) as report_id,
    arg_min(source_table, preference) as source_table,
    arg_min(source_page, preference) as source_page,
    arg_min(source_row, preference) as source_row,
    null::varchar as source_column
from appearances
group by licence_no
