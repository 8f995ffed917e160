"""Publication: the checked build file swapped in for the published warehouse, and the
copies BI tools read (Parquet exports, PostgreSQL), and the browsable site."""

from .exports import write_exports
from .postgres import PublishError, publish_postgres
from .site import write_site
from .swap import PublicationRefused, publish

__all__ = ["PublicationRefused", "PublishError", "publish", "publish_postgres", "write_exports", "write_site"]
