select
    report_id,
    title,
    publisher,
    edition_year,
    file_name,
    sha256,
    page_count,
    extractor_version,
    extracted_at,
    status
from {{ ref('stg_twbio__documents') }}
