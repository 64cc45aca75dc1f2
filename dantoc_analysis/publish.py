"""`dantoc report`: the province × language fan-out from the data, the batch, and the index page."""

from __future__ import annotations

from pathlib import Path

from . import batch, checks, downloads, html, loaders, paths, sources_page
from .admin import province, year_end
from .batch import Job, Outcome
from .numbers import LANGS
from .report import ReportData, provinces_with_facts, t, texts


def plan_jobs(notebooks: list[Path], output_dir: Path, provinces: list[str], langs: list[str]) -> list[Job]:
    """One job per province and language for notebooks that take `province`, per language else;
    each knows the other notebooks of its folder, which its page links."""
    per_province = {notebook: "province" in batch.declared_parameters(notebook) for notebook in notebooks}
    siblings = {kind: tuple(n.stem for n in notebooks if per_province[n] == kind) for kind in (True, False)}
    jobs = []
    for notebook in notebooks:
        kind = per_province[notebook]
        for place in provinces if kind else [None]:
            jobs += [Job(notebook, lang, output_dir, place, siblings[kind]) for lang in langs]
    return jobs


def run(data: ReportData, provinces: list[str], langs: list[str], output_dir: Path, figures_dir: Path,
        workers: int | None, force: bool, batch_fingerprint: str, progress: bool | None = None,
        timeout: float = batch.CELL_TIMEOUT, notebooks: list[Path] | None = None) -> list[Outcome]:
    """Run the batch and write the index; a failed report is in the outcomes, never raised.

    The record of the last clean batch is removed before the first page is written and written
    again only when a whole batch has finished without failure, so that the next run with the
    same inputs can stop before loading anything — and never trusts a record that pages written
    since (by a run that stopped or failed half-way) no longer match. An interrupted batch
    still writes the index of what it finished, then raises batch.Interrupted.
    """
    jobs = plan_jobs(notebooks or batch.report_notebooks(), output_dir, provinces, langs)
    batch.forget_batch(output_dir)
    companions = write_companions(data, provinces, output_dir)
    with batch.environment(**{paths.FIGURES_ENV: str(figures_dir)}):
        try:
            outcomes = batch.run_batch(jobs, workers=workers, force=force, data_dir=data.data_dir,
                                       progress=progress, timeout=timeout)
        except batch.Interrupted as stopped:
            if not isinstance(stopped.cause, batch.OutputError):
                write_index(data, stopped.outcomes, output_dir)
            raise
    index = write_index(data, outcomes, output_dir)
    if all(o.current for o in outcomes):
        batch.record_batch(output_dir, batch_fingerprint, [o.job.path("html") for o in outcomes], [index, *companions])
    return outcomes


def write_companions(data: ReportData, provinces: list[str], output_dir: Path) -> list[Path]:
    """What the pages link besides each other: a page per source with its figures anchored, and
    the CSV/XLSX downloads of each province and of the whole data set. They depend on the data
    alone, so they are written before the reports (only where their bytes change)."""
    texts_ = loaders.source_texts(data.sources, data.data_dir)
    written = sources_page.write_source_pages(data.sources, data.facts, texts_, output_dir,
                                              loaders.load_area_levels(data.data_dir), data.indicators)
    for slug in [*provinces, None]:
        written += downloads.write_downloads(data, slug, output_dir)
    return written


def write_index(data: ReportData, outcomes: list[Outcome], output_dir: Path) -> Path:
    """index.html, rewritten only when its content changes."""
    strings = texts()
    rows = [_province_row(data, slug, [o for o in outcomes if o.job.province == slug])
            for slug in provinces_with_facts(data.facts)]
    shared = [o for o in outcomes if o.job.province is None]
    if shared:
        rows.append({"name": f"{strings['index']['all']['vi']} / {strings['index']['all']['en']}", "slug": "",
                     "gso_code": "", "badge": None, "links": _links(shared)})
    page = html.index_html(
        [r for r in rows if r["links"]], title=strings["title"]["index"], lead=strings["index"]["lead"],
        data_version=batch.data_version(paths.data_dir(data.data_dir)), labels=strings["index"],
        downloads=html.download_links(None, None, "."),
        sources=html.source_links(zip(data.sources["source_id"], data.sources["title"])))
    target = output_dir / "index.html"
    if not target.is_file() or target.read_text(encoding="utf-8") != page:
        batch.write_atomic(target, page)
    return target


def _province_row(data: ReportData, slug: str, outcomes: list[Outcome]) -> dict:
    severities = data.severities.set_index("severity")
    overall = checks.province_severity(data.findings, slug, data.severities)
    found = data.findings[data.findings["province"] == slug]["severity"].value_counts()
    # What weighs more than a check that holds is counted; else the badge names the province's severity,
    # and one whose figures allow no check says "not checked", never a clean green.
    above_ok = severities["rank"] > severities.loc["ok", "rank"]
    counted = [s for s in data.severities["severity"][::-1] if found.get(s, 0) and above_ok[s]]
    badge = {lang: " · ".join([str(t(f"count.{s}", lang, n=int(found[s]))) for s in counted]
                              or [str(t("index.badge", lang, severity=severities.loc[overall, f"name_{lang}"]))])
             for lang in LANGS}
    info = province(slug, _latest_day(data, slug))
    return {"name": info["name"], "slug": slug, "gso_code": info["gso_code"], "badge": badge,
            "badge_class": severities.loc[overall, "tone"],
            # the version the province's pages show in their footer
            "data_version": batch.province_data_version(paths.data_dir(data.data_dir), slug),
            "links": _links(outcomes)}


def _latest_day(data: ReportData, slug: str):
    # The boundary the figures are about: Thái Nguyên 2021 is the 63-province territory.
    return year_end(data.facts.loc[data.facts["province"] == slug, "year"].max())


def _links(outcomes: list[Outcome]) -> list[dict]:
    """A link per report. One that failed or was not run still links its previous page when there
    is one, marked stale with the reason unless that page still matches the inputs."""
    links = []
    for outcome in outcomes:
        job = outcome.job
        href = job.path("html").relative_to(job.output_dir).as_posix()
        label = f"{job.notebook.stem} ({job.lang})"
        state = "current" if outcome.current else "stale" if job.path("html").is_file() else "missing"
        reason = outcome.message or texts()["index"]["not_run"]["en"]
        links.append({"href": href, "lang": job.lang, "label": label, "state": state, "reason": reason,
                      "status": outcome.status})
    return links
