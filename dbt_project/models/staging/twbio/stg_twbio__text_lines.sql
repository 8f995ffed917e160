-- where each line of the running text is printed, with the character range it holds
with source as (
    select * from {{ source('twbio', 'text_lines') }}
),

blocks as (
    select report_id, block_index, text from {{ source('twbio', 'text_blocks') }}
),

ranged as (
    select
        l.*,
        coalesce(lead(l.char_start) over (partition by l.report_id, l.block_index order by l.line_index),
                 length(b.text)) as char_end,
        b.text as block_text
    from source l
    join blocks b using (report_id, block_index)
)

select
    report_id,
    block_index,
    line_index,
    char_start,
    char_end,
    substr(block_text, char_start + 1, char_end - char_start) as line_text,
    page,
    x0,
    top,
    x1,
    bottom
from ranged
