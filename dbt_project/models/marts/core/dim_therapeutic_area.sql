select therapeutic_area_code, therapeutic_area_zh, therapeutic_area_en
from {{ ref('therapeutic_areas') }}
