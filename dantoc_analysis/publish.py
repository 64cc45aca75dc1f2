"""`dantoc report`: the province × language fan-out from the data, the batch, and the index page."""

from __future__ import annotations

from pathlib import Path

from . import batch, checks, html, paths
from .admin import province, year_end
from .batch import Job, Outcome
from .numbers import LANGS
from .report import ReportData, provinces_with_facts, t, texts


def plan_jobs(notebooks: list[Path], output_dir: Path, provinces: list[str], langs: list[str]) -> list[Job]:
    """One job per province and language for notebooks that take `province`, per language else."""
    jobs = []
    for notebook in notebooks:
        per_province = "province" in batch.declared_parameters(notebook)
        for place in provinces if per_province else [None]:
            jobs += [Job(notebook, lang, output_dir, place) for lang in langs]
    return jobs


def run(data: ReportData, provinces: list[str], langs: list[str], output_dir: Path, figures_dir: Path,
        workers: int | None, force: bool, batch_fingerprint: str, progress: bool = True) -> list[Outcome]:
    """Run the batch and write the index; a failed report is in the outcomes, never raised.

    A batch without failures is recorded with its fingerprint, so that the next run with the
    same inputs can stop before loading anything.
    """
    jobs = plan_jobs(batch.report_notebooks(), output_dir, provinces, langs)
    with batch.environment(**{paths.FIGURES_ENV: str(figures_dir)}):
        outcomes = batch.run_batch(jobs, workers=workers, force=force, data_dir=data.data_dir, progress=progress)
    index = write_index(data, outcomes, output_dir)
    if all(o.status != "failed" for o in outcomes):
        batch.record_batch(output_dir, batch_fingerprint, [index, *(o.job.path("html") for o in outcomes)])
    return outcomes


def write_index(data: ReportData, outcomes: list[Outcome], output_dir: Path) -> Path:
    """index.html, rewritten only when its content changes."""
    strings = texts()
    failed = {o.job for o in outcomes if o.status == "failed"}
    rows = [_province_row(data, slug, [o for o in outcomes if o.job.province == slug], failed)
            for slug in provinces_with_facts(data.facts)]
    shared = [o for o in outcomes if o.job.province is None]
    if shared:
        rows.append({"name": f"{strings['index']['all']['vi']} / {strings['index']['all']['en']}", "slug": "",
                     "gso_code": "", "badge": None, "links": _links(shared, failed)})
    page = html.index_html(
        [r for r in rows if r["links"]], title=strings["title"]["index"], lead=strings["index"]["lead"],
        data_version=batch.data_version(paths.data_dir(data.data_dir)),
        failed_label=strings["index"]["failed"]["en"], data_label=strings["index"]["data"]["en"])
    target = output_dir / "index.html"
    if not target.is_file() or target.read_text(encoding="utf-8") != page:
        batch.write_atomic(target, page)
    return target


def _province_row(data: ReportData, slug: str, outcomes: list[Outcome], failed: set[Job]) -> dict:
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
            "links": _links(outcomes, failed)}


def _latest_day(data: ReportData, slug: str):
    # The boundary the figures are about: Thái Nguyên 2021 is the 63-province territory.
    return year_end(data.facts.loc[data.facts["province"] == slug, "year"].max())


def _links(outcomes: list[Outcome], failed: set[Job]) -> list[dict]:
    """A link per report; a failed one still links its previous good page when there is one."""
    links = []
    for outcome in outcomes:
        job = outcome.job
        href = job.path("html").relative_to(job.output_dir).as_posix()
        label = f"{job.notebook.stem} ({job.lang})"
        links.append({"href": href, "lang": job.lang, "label": label,
                      "ok": job not in failed or job.path("html").is_file()})
    return links
