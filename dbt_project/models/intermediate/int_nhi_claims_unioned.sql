-- NHI claim amounts (新臺幣萬元 → TWD): 表 4-5 first-launch new drugs, 表 4-8 domestic
-- new drugs approved 2019-2024. The printed 總計 column is a check, not a fact.
with first_launch_claims as (
    select * from {{ ref('stg_whitepaper__first_launch_drug_claims') }}
),

domestic_claims as (
    select * exclude (total) from {{ ref('stg_whitepaper__domestic_new_drug_claims') }}
),

first_launch as (
    unpivot first_launch_claims
    on y2020, y2021, y2022, y2023, y2024 into name year_column value amount_printed
),

domestic as (
    unpivot domestic_claims
    on y2019, y2020, y2021, y2022, y2023, y2024 into name year_column value amount_printed
)

select report_id, source_table, source_page, source_row, year_column as source_column, 'first_launch_new_drugs' as drug_group,
       try_cast(substr(year_column, 2) as integer) as year, amount_printed from first_launch
union all
select report_id, source_table, source_page, source_row, year_column as source_column, 'domestic_new_drugs_2019_2024' as drug_group,
       try_cast(substr(year_column, 2) as integer) as year, amount_printed from domestic
