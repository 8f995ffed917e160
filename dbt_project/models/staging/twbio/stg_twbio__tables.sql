-- the year a single-year table is about, from its caption ("表 4-16 2024 年…"); null for
-- tables that span years (they carry years in their columns or rows)
select
    report_id,
    table_id,
    caption,
    unit as unit_printed,
    page,
    n_header_rows,
    dataset,
    case when regexp_matches(caption, '\d{4}\s*[~～-]\s*\d{4}') then null
         else try_cast(regexp_extract(caption, '(\d{4})\s*年', 1) as integer) end as caption_year
from {{ source('twbio', 'tables') }}
