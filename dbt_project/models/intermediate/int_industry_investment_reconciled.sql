-- One value per report × year × segment, from the investment statements. When the text
-- states a segment twice with different values (44.47 and 44.7 億元 for 再生醫療), the one
-- the printed total supports wins: total - the other (unambiguous) segments, within the
-- rounding of five 2-decimal figures. The other statements are kept beside it. Ties go
-- to the statement printed first in the text (paragraph, then place in it): the page a
-- sentence falls on is the layout's, and two statements may share one.
with figures as (
    select
        *,
        row_number() over (partition by report_id order by block_index, sentence_start, statement_id) as text_order
    from {{ ref('stg_twbio__statement_figures') }}
    where fact = 'industry_investment' and metric = 'investment'
),

candidates as (
    select
        report_id,
        year,
        segment_code,
        value_printed,
        any_value(value) as value,
        any_value(unit_printed) as unit_printed,
        any_value(twd_multiplier) as twd_multiplier,
        list(statement_id order by text_order) as statement_ids,
        min(source_page) as source_page,
        arg_min(source_section, text_order) as source_section,
        arg_min(source_text, text_order) as source_text,
        min(text_order) as text_order
    from figures
    group by report_id, year, segment_code, value_printed
),

counted as (
    select *, count(*) over (partition by report_id, year, segment_code) as n_values
    from candidates
),

totals as (
    select
        report_id,
        year,
        max(value) filter (where segment_code = 'biotech_industry' and n_values = 1) as total,
        sum(value) filter (where segment_code <> 'biotech_industry' and n_values = 1) as settled_segments,
        count(distinct segment_code) filter (where segment_code <> 'biotech_industry' and n_values > 1) as unsettled_segments
    from counted
    group by report_id, year
),

scored as (
    select
        c.*,
        case when t.unsettled_segments = 1 and c.segment_code <> 'biotech_industry'
             then t.total - t.settled_segments end as implied_by_total
    from counted c
    left join totals t using (report_id, year)
),

ranked as (
    select
        *,
        case
            when n_values = 1 then 'single_value'
            when abs(value - implied_by_total) <= 0.005 * 5 then 'supported_by_total'
            else 'unsupported'
        end as reconciliation,
        row_number() over (
            partition by report_id, year, segment_code
            order by abs(value - implied_by_total) nulls last, text_order
        ) as rank_in_segment
    from scored
)

select
    p.report_id,
    p.year,
    p.segment_code,
    p.value as amount_printed,
    p.unit_printed,
    p.twd_multiplier,
    p.reconciliation,
    p.n_values,
    (select list(o.value_printed order by o.text_order) from ranked o
      where o.report_id = p.report_id and o.year = p.year and o.segment_code = p.segment_code
        and o.rank_in_segment > 1) as other_values_printed,
    (select list(o.source_text order by o.text_order) from ranked o
      where o.report_id = p.report_id and o.year = p.year and o.segment_code = p.segment_code
        and o.rank_in_segment > 1) as other_source_texts,
    p.statement_ids[1] as statement_id,
    p.source_section,
    p.source_page,
    p.source_text
from ranked p
where p.rank_in_segment = 1
