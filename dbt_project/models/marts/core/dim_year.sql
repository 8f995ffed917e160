-- calendar years with their ROC (民國) equivalent; fiscal years in Taiwan's central
-- government equal calendar years
select
    cast(y as integer) as year,
    cast(y - 1911 as integer) as roc_year,
    '民國' || cast(y - 1911 as varchar) || '年' as roc_year_zh
from range(2000, 2036) t(y)
