"""Executed notebooks to self-contained HTML: code hidden, figures embedded, no network request."""

from __future__ import annotations

import json

import jinja2

from .paths import RESOURCES_DIR

TEMPLATES = RESOURCES_DIR / "templates"
LABELS = {
    "vi": {"other": "English version", "parameters": "Tham số", "data": "Phiên bản dữ liệu"},
    "en": {"other": "Bản tiếng Việt", "parameters": "Parameters", "data": "Data version"},
}


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
) -> str:
    """The report page; text from sources is escaped by the exporter, never interpreted."""
    other = "en" if lang == "vi" else "vi"
    resources = {
        "metadata": {"name": title},
        "dantoc": {
            "parameters": json.dumps(parameters, ensure_ascii=False, sort_keys=True),
            "data_version": data_version,
            "other_language": other,
            "other_language_href": other_language_href,
            "other_language_label": LABELS[lang]["other"],
            "footer_label": LABELS[lang]["parameters"],
            "data_label": LABELS[lang]["data"],
        },
    }
    body, _ = exporter(lang).from_notebook_node(notebook, resources=resources)
    return body


def _environment() -> jinja2.Environment:
    """Templates of resources/templates; autoescape keeps every value text."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, keep_trailing_newline=True)


def index_html(rows: list[dict], *, title: dict, lead: dict, data_version: str, labels: dict) -> str:
    """The page that links every report; autoescape keeps every value text."""
    return _environment().get_template("index.html.j2").render(
        rows=rows, title=title, lead=lead, data_version=data_version, labels=labels)


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
