"""Executed notebooks to self-contained HTML: code hidden, figures embedded, no network request."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Sequence

import jinja2

from .numbers import LANGS
from .paths import RESOURCES_DIR
from .provenance import source_href
from .wording import resource

TEMPLATES = RESOURCES_DIR / "templates"


@dataclass(frozen=True)
class Link:
    """A link in a page's navigation: href relative to the page, its words, the language it
    leads to (hreflang) and whether it is the page itself (shown, not linked)."""

    href: str
    label: str
    lang: str | None = None
    current: bool = False


def words(group: str, item: str, lang: str) -> str:
    """A word of pages.toml; an item it does not know (a user's own notebook) is shown as is."""
    return resource("pages.toml")[group].get(item, {}).get(lang, item)


def parameter_words(parameters: dict, lang: str) -> str:
    """"Tỉnh: Lạng Sơn · Ngôn ngữ: Tiếng Việt" — the parameters a reader can read, not JSON."""
    from .admin import province_name

    shown = []
    for name, value in sorted(parameters.items(), key=lambda kv: (kv[0] != "province", kv[0] != "lang", kv[0])):
        if name == "province" and value:
            value = province_name(value, lang)
        elif name == "lang":
            value = words("language", value, lang)
        shown.append(f"{words('parameter', name, lang)}: {value}")
    return " · ".join(shown)


def report_links(stems: Sequence[str], current: str, lang: str) -> list[Link]:
    """The reports of one folder (a province, or all provinces) in the page's language, for a
    page in that folder; `current` is the page's own notebook stem."""
    return [Link(f"{stem}.{lang}.html", words("report_name", stem, lang), lang, stem == current) for stem in stems]


def download_links(province: str | None, lang: str | None, page_folder: str) -> list[Link]:
    """The CSV and XLSX of the figures a page uses (a province's, or with None the whole data
    set's), relative to the page's folder under the reports folder ("lang-son"; "all" for pages
    about every province; "." for the index). lang None labels them in every language."""
    from .downloads import download_paths

    here = PurePosixPath("reports") / page_folder
    links = []
    for table, kinds in download_paths(province, PurePosixPath("reports")).items():
        item = "sources_table" if table == "sources" else table
        name = " / ".join(words("nav", item, each) for each in ([lang] if lang else LANGS))
        for kind, path in kinds.items():
            links.append(Link(posixpath.relpath(path.as_posix(), here.as_posix()), f"{name} ({kind.upper()})"))
    return links


def navigation(stems: Sequence[str], current: str, province: str | None, lang: str) -> dict[str, list[Link]]:
    """notebook_html's `reports` and `downloads` for a page the batch writes to
    reports/<province, or all>/<stem>.<lang>.html; `stems` are the notebooks of that folder."""
    return {"reports": report_links(stems, current, lang),
            "downloads": download_links(province, lang, province or "all")}


def source_links(sources: Sequence[tuple[str, str]]) -> list[Link]:
    """(source_id, title) pairs as links from the index to the source pages."""
    return [Link(source_href(source_id, folder="sources"), title or source_id) for source_id, title in sources]


def exporter(lang: str):
    from nbconvert import HTMLExporter  # loads only when a notebook is converted

    # exclude_input hides the code itself; --report-mode alone does not (a known nbconvert trap).
    return HTMLExporter(
        template_name="dantoc",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        language_code=lang,
    )


def notebook_html(
    notebook,
    *,
    lang: str,
    parameters: dict,
    data_version: str,
    title: str,
    other_language_href: str | None = None,
    index_href: str | None = "../index.html",
    reports: Sequence[Link] = (),
    downloads: Sequence[Link] = (),
) -> str:
    """The report page; text from sources is escaped by the exporter, never interpreted.

    Navigation at the top: `index_href` (the index, relative to the page; None for none),
    `reports` (the other reports of the same province, see report_links), the other language
    (`other_language_href`), and `downloads` (the CSV/XLSX of its figures, see download_links).
    The footer gives the parameters in words and the data version.
    """
    other = "en" if lang == "vi" else "vi"
    resources = {
        "metadata": {"name": title},
        "dantoc": {
            "parameters": parameter_words(parameters, lang),
            "data_version": data_version,
            "index_href": index_href,
            "index_label": words("nav", "index", lang),
            "reports": list(reports),
            "reports_label": words("nav", "reports", lang),
            "downloads": list(downloads),
            "downloads_label": words("nav", "downloads", lang),
            "other_language": other,
            "other_language_href": other_language_href,
            "other_language_label": words("nav", "other_language", lang),
            "data_label": words("footer", "data_version", lang),
        },
    }
    body, _ = exporter(lang).from_notebook_node(notebook, resources=resources)
    return body


def index_html(rows: list[dict], *, title: dict, lead: dict, data_version: str, failed_label: str,
               data_label: str, downloads: Sequence[Link] = (), sources: Sequence[Link] = ()) -> str:
    """The page that links every report, the whole data set's downloads (see download_links with
    province None and page_folder ".") and the source pages; autoescape keeps every value text."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                                     keep_trailing_newline=True)
    labels = {key: {lang: words("nav", key, lang) for lang in LANGS} for key in ("whole_data", "sources")}
    return environment.get_template("index.html.j2").render(
        rows=rows, title=title, lead=lead, data_version=data_version, failed_label=failed_label,
        data_label=data_label, downloads=list(downloads), sources=list(sources), labels=labels)
