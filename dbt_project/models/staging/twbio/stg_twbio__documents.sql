select
    report_id,
    file_name,
    sha256,
    page_count,
    title,
    publisher,
    edition_year,
    extractor_version,
    extracted_at,
    status,
    error
from {{ source('twbio', 'documents') }}
