-- which printed column each catalogued dataset column was read from
select
    report_id,
    table_id,
    dataset,
    column_name,
    col as table_col,
    value_type,
    value_type in ('integer', 'number', 'percent') as is_measure,
    label_zh
from {{ source('twbio', 'dataset_columns') }}
