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


def index_html(rows: list[dict], *, title: dict, lead: dict, data_version: str, labels: dict) -> str:
    """The page that links every report; autoescape keeps every value text."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                                     keep_trailing_newline=True)
    return environment.get_template("index.html.j2").render(
        rows=rows, title=title, lead=lead, data_version=data_version, labels=labels)
