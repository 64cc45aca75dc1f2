"""dantoc-analysis: provincial reports on Programme 1719, as tidy facts with verified provenance.

    import dantoc_analysis as da
    facts = da.load_facts()
    da.run_checks(facts)
"""

from .checks import run_checks
from .errors import DataError
from .loaders import load_facts, load_indicators, load_sources
from .numbers import format_number, format_percent, format_quantity, parse_figure, parse_number
from .provinces import province, provinces

__all__ = [
    "DataError",
    "format_number",
    "format_percent",
    "format_quantity",
    "load_facts",
    "load_indicators",
    "load_sources",
    "parse_figure",
    "parse_number",
    "province",
    "provinces",
    "run_checks",
]
