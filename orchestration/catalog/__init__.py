"""The domain vocabulary: which printed tables and statements of which report families
feed which datasets, what their columns mean, and the units they print.

Plain data loaded from the YAML beside this file (tables.yml, statements.yml); it depends
on the extractor's public API only, and nothing here touches a warehouse.
"""

from .editions import Edition, read_edition
from .statements import Match, Statement, figure_rows, match_report
from .tables import Catalog, Column, Dataset, Mapping, header_labels, map_columns

__all__ = ["Catalog", "Edition", "read_edition", "Column", "Dataset", "Mapping", "Match", "Statement", "figure_rows", "header_labels",
           "map_columns", "match_report"]
