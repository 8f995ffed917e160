{#- Two documents that claim the same report family and edition (the same edition year and
    publication date, both read from the documents) but print different cells: every cell
    the newcomer (a file the published warehouse did not hold) prints otherwise, old and
    new, with its table, page, row and column. When neither was published, each is a
    newcomer. Read by the conflicting_copies suite: a newcomer with differences is held
    back, never chosen by its file name; copies that print the same are not listed. -#}
with documents as (
    select report_id, family, edition_year, edition_published_on, sha256,
           report_id in (select report_id from {{ source('build', 'previously_published') }}) as published
    from {{ source('twbio', 'documents') }}
    where status = 'loaded' and family is not null
),

pairs as (
    select new.report_id, old.report_id as other_report_id
    from documents new
    join documents old
      on old.family = new.family
     and old.edition_year is not distinct from new.edition_year
     and old.edition_published_on is not distinct from new.edition_published_on
     and old.report_id <> new.report_id
     and old.sha256 <> new.sha256
    where not new.published
),

-- the catalogued tables only (what would feed the marts), matched by dataset: a copy that
-- prints a table the other does not is silent there, not in conflict
cells as (
    select c.report_id, t.dataset, c.table_id, c."row", c.col, c.page,
           regexp_replace(c.text, '\s+', '', 'g') as text
    from {{ source('twbio', 'cells') }} c
    join {{ source('twbio', 'tables') }} t using (report_id, table_id)
    where t.dataset is not null
),

both_copies as (
    select
        p.report_id,
        p.other_report_id,
        c.dataset,
        max(c.table_id) filter (where c.report_id = p.report_id) as table_id,
        c."row",
        c.col,
        max(c.page) filter (where c.report_id = p.report_id) as page,
        max(c.text) filter (where c.report_id = p.report_id) as value_printed,
        max(c.text) filter (where c.report_id = p.other_report_id) as other_printed,
        bool_or(c.report_id = p.report_id) as printed_here
    from pairs p
    join cells c on c.report_id in (p.report_id, p.other_report_id)
    where c.dataset in (select dataset from cells where report_id = p.report_id)
      and c.dataset in (select dataset from cells where report_id = p.other_report_id)
    group by p.report_id, p.other_report_id, c.dataset, c."row", c.col
)

select
    report_id,
    other_report_id,
    dataset,
    table_id as source_table,
    page as source_page,
    "row" as source_row,
    col as source_column,
    other_printed,
    value_printed
from both_copies
where value_printed is distinct from other_printed
