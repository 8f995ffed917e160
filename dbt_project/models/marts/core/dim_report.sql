select
    report_id,
    title,
    family,
    publisher,
    edition_year,
    edition_published_on,
    edition_evidence,
    edition_known,
    file_name,
    sha256,
    page_count,
    extractor_version,
    extracted_at,
    status
from {{ ref('stg_twbio__documents') }}
