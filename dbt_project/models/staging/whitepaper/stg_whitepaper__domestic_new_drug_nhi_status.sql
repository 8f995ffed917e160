-- 健保給付情形 is a sentence: "已於2020/02/01收載，收載核價8.6元。", "廠商未申請健保給付。", ...
select
    report_id,
    table_id as source_table,
    source_page,
    row_number as source_row,
    try_cast({{ parse_number('item_no') }} as integer) as item_no,
    {{ parse_date('approval_date') }} as approval_date,
    {{ licence_columns('licence_no') }},
    {{ clean_text('product_name_zh') }} as product_name_zh,
    {{ company_columns('company_zh') }},
    case
        when nhi_status_zh like '%收載%' then 'listed'
        when nhi_status_zh like '%未申請%' then 'not_applied'
        when nhi_status_zh like '%指示藥品%' then 'not_covered_otc'
        when nhi_status_zh like '%不另支付%' then 'not_separately_paid'
        when nhi_status_zh like '%不納入%' then 'rejected'
        when nhi_status_zh like '%審查中%' then 'under_review'
    end as nhi_status,
    trim(nhi_status_zh) as nhi_status_zh,
    {{ parse_date("regexp_extract(nhi_status_zh, '已於\\s*(\\d{4}/\\d{1,2}/\\d{1,2})', 1)") }} as nhi_listed_date,
    {{ parse_number("regexp_extract(nhi_status_zh, '核價\\s*([0-9,.]+)\\s*元', 1)") }} as nhi_listing_price_twd
from {{ source('whitepaper', 'whitepaper__domestic_new_drug_nhi_status') }}
