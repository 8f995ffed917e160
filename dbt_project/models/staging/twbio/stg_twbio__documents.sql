select
    report_id,
    file_name,
    sha256,
    page_count,
    title,
    family,
    publisher,
    edition_year,
    edition_published_on,
    edition_evidence,
    edition_year is not null as edition_known,
    extractor_version,
    extracted_at,
    status,
    error
from {{ source('twbio', 'documents') }}
