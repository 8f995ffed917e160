-- Which companies hold the most approved licences, by product type?
select
    p.product_type,
    c.company_name_zh,
    count(*) as licences,
    count(*) filter (where p.is_class_iii_device) as class_iii_devices,
    count(*) filter (where p.is_first_launch_nhi) as first_launch_nhi_drugs
from marts.fct_product_approvals p
join marts.dim_company c using (company_id)
group by all
order by licences desc, p.product_type, c.company_name_zh
limit 15;
