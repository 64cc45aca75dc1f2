"""dantoc-analysis: provincial reports on Programme 1719, as tidy facts with verified provenance.

    import dantoc_analysis as da
    facts = da.load_facts()
    da.run_checks(facts)
"""

from importlib import import_module

# Public names and the module each lives in. They load on first use, so that the command line
# starts without pandas when it has nothing to compute (a no-change `dantoc report`).
_EXPORTS = {
    "DataError": "errors",
    "format_number": "numbers",
    "format_percent": "numbers",
    "format_quantity": "numbers",
    "load_capital_types": "loaders",
    "load_domains": "loaders",
    "load_facts": "loaders",
    "load_indicators": "loaders",
    "load_projects": "loaders",
    "load_severities": "loaders",
    "load_sources": "loaders",
    "parse_figure": "grammar",
    "parse_number": "numbers",
    "province": "admin",
    "provinces": "admin",
    "run_checks": "checks",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'dantoc_analysis' has no attribute {name!r}")
    value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
