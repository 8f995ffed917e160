-- calendar years with their ROC (民國) equivalent; fiscal years in Taiwan's central
-- government equal calendar years
select
    try_cast(y as integer) as year,
    try_cast(y - 1911 as integer) as roc_year,
    '民國' || try_cast(y - 1911 as varchar) || '年' as roc_year_zh
from range(2000, 2036) t(y)
