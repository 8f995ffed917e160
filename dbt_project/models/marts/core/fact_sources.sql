{#- Every fact row of every mart, resolved to the printed boxes it was read from: for a
    table fact, the cells of its printed row (only its own column's value and the row's
    labels when it was read from one column of a wide table); for a figure of the running
    text, the lines of its sentence. One row per box. -#}
with table_fact_rows as (
    {%- for mart, year in table_facts().items() %}
    select distinct
        '{{ mart }}' as mart,
        try_cast({{ year }} as integer) as year,
        report_id,
        source_table,
        source_row,
        source_column
    from {{ ref(mart) }}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

statement_fact_rows as (
    {%- for mart, spec in statement_facts().items() %}
    select distinct
        '{{ mart }}' as mart,
        try_cast({{ spec[0] }} as integer) as year,
        report_id,
        statement_id,
        try_cast({{ spec[1] }} as double) as value
    from {{ ref(mart) }}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

tables as (
    select * from {{ ref('stg_twbio__tables') }}
),

dataset_columns as (
    select *, bool_or(is_measure) over (partition by report_id, table_id) as table_has_measures
    from {{ ref('stg_twbio__dataset_columns') }}
),

cells as (
    select * from {{ ref('stg_twbio__cell_boxes') }}
),

table_cells as (
    select
        f.mart,
        f.year,
        f.report_id,
        f.source_table,
        f.source_row,
        f.source_column,
        null::varchar as statement_id,
        'table_cell' as source_kind,
        dc.column_name as printed_as,
        dc.label_zh,
        -- a row of a table without numbers (a list of approvals) is a fact as a whole
        case when f.source_column is not null then dc.column_name = f.source_column
             else dc.is_measure or not dc.table_has_measures end as is_value,
        c.cell_text as printed_text,
        c.table_row,
        c.table_col,
        c.page,
        c.x0,
        c.top,
        c.x1,
        c.bottom
    from table_fact_rows f
    join tables t on t.report_id = f.report_id and t.table_id = f.source_table
    join dataset_columns dc on dc.report_id = f.report_id and dc.table_id = f.source_table
    join cells c
        on c.report_id = f.report_id
        and c.table_id = f.source_table
        and t.n_header_rows + f.source_row - 1 between c.table_row and c.table_row + c.row_span - 1
        and dc.table_col between c.table_col and c.table_col + c.col_span - 1
    -- a fact read from one column of a wide table: that column and the row's labels,
    -- not the row's other values (they are other facts)
    where f.source_column is null or dc.column_name = f.source_column or not dc.is_measure
),

figure_lines as (
    select * from {{ ref('int_statement_figure_lines') }}
),

sentence_lines as (
    select distinct
        f.mart,
        f.year,
        f.report_id,
        null::varchar as source_table,
        null::integer as source_row,
        null::varchar as source_column,
        f.statement_id,
        'text_line' as source_kind,
        l.figure as printed_as,
        null::varchar as label_zh,
        l.is_value,
        l.line_text as printed_text,
        null::integer as table_row,
        null::integer as table_col,
        l.page,
        l.x0,
        l.top,
        l.x1,
        l.bottom
    from statement_fact_rows f
    join figure_lines l
        on l.report_id = f.report_id and l.statement_id = f.statement_id and l.value = f.value
)

select * from table_cells
union all
select * from sentence_lines
