-- one row per printed box of a cell: a cell continued over a page break has one per page
with source as (
    select * from {{ source('twbio', 'cells') }}
),

boxes as (
    select *, unnest(boxes) as box from source
)

select
    report_id,
    table_id,
    "row" as table_row,
    col as table_col,
    row_span,
    col_span,
    is_header,
    text as cell_text,
    box[1]::integer as page,
    box[2] as x0,
    box[3] as top,
    box[4] as x1,
    box[5] as bottom
from boxes
