"""Executed notebooks to self-contained HTML: code hidden, figures embedded, no network request."""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

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


def _environment() -> jinja2.Environment:
    """Templates of resources/templates; autoescape keeps every value text."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, keep_trailing_newline=True)


def index_html(rows: list[dict], *, title: dict, lead: dict, data_version: str, labels: dict,
               downloads: Sequence[Link] = (), sources: Sequence[Link] = ()) -> str:
    """The page that links every report, the whole data set's downloads (see download_links with
    province None and page_folder ".") and the source pages; autoescape keeps every value text."""
    nav = {key: {lang: words("nav", key, lang) for lang in LANGS} for key in ("whole_data", "sources")}
    return _environment().get_template("index.html.j2").render(
        rows=rows, title=title, lead=lead, data_version=data_version, labels=labels, nav=nav,
        downloads=list(downloads), sources=list(sources))


def audit_html(result, name: str) -> str:
    """One offline page for an audited text: the text (escaped) with every figure marked and
    linked to the relations it takes part in, the relations listed mismatches first, vi and en.
    `name` titles the page (a file name, never a local path: the page is shared)."""
    from .audit import STATUS_ORDER, words

    labels = words()["html"]
    status_words, kinds = words()["status"], {k: labels[k] for k in ("sum", "rate")}
    numbers: dict[int, list[int]] = {}
    relations = []
    for number, relation in enumerate(result.relations, 1):
        for index in relation.figures():
            numbers.setdefault(index, []).append(number)
        relations.append({
            "number": number, "status": relation.status,
            "status_vi": status_words[relation.status]["vi"], "status_en": status_words[relation.status]["en"],
            "kind_vi": kinds[relation.kind]["vi"], "kind_en": kinds[relation.kind]["en"],
            "message_vi": relation.message["vi"], "message_en": relation.message["en"],
            "figures": [{"index": i, "text": result.figures[i].mention.text} for i in relation.figures()],
        })
    segments, cursor = [], 0
    for figure in result.figures:
        m = figure.mention
        segments.append({"figure": None, "text": result.text[cursor:m.start]})
        involved = numbers.get(figure.index, [])
        worst = min((result.relations[n - 1].status for n in involved), key=STATUS_ORDER.get, default="")
        segments.append({"figure": figure.index, "text": result.text[m.start:m.end], "status": worst,
                         "relations": involved})
        cursor = m.end
    segments.append({"figure": None, "text": result.text[cursor:]})
    counts = {s: sum(r.status == s for r in result.relations) for s in STATUS_ORDER}
    summary = {lang: labels["summary"][lang].format(figures=len(result.figures), relations=len(result.relations),
                                                    **counts) for lang in ("vi", "en")}
    return _environment().get_template("audit.html.j2").render(
        file=name, labels=labels, summary=summary, relations=relations, segments=segments)
