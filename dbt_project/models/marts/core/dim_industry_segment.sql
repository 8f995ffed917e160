select segment_code, segment_zh, segment_en, parent_segment_code
from {{ ref('industry_segments') }}
