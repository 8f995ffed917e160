-- Graduates of biotech-related fields by degree, and their share of all graduates.
select
    g.degree,
    sum(g.graduates) filter (where not g.is_all_fields_total) as biotech_fields,
    max(g.graduates) filter (where g.is_all_fields_total) as all_fields,
    round(100.0 * sum(g.graduates) filter (where not g.is_all_fields_total)
          / max(g.graduates) filter (where g.is_all_fields_total), 2) as biotech_share_pct
from marts.fct_graduates g
where g.year = 2024
group by g.degree
order by biotech_fields desc;
