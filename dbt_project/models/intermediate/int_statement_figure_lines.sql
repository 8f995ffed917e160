-- the printed lines of every catalogued statement's sentences, once per number the
-- statement captures, with the line(s) that print that number marked: read by
-- marts.fact_sources and by the site's statement views
select
    s.report_id,
    s.statement_id,
    s.figure,
    s.value,
    l.line_index,
    l.line_text,
    l.page,
    l.x0,
    l.top,
    l.x1,
    l.bottom,
    l.char_start < s.char_end and l.char_end > s.char_start as is_value
from {{ ref('stg_twbio__statement_figures') }} s
join {{ ref('stg_twbio__text_lines') }} l
    on l.report_id = s.report_id
    and l.block_index = s.block_index
    and l.char_start < s.sentence_end
    and l.char_end > s.sentence_start
