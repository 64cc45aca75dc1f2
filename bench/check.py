"""How long `dantoc check` takes, and how much memory it needs, on 1k, 10k and 100k made-up facts.

    .venv/bin/python bench/check.py [--sizes 1000 10000 100000] [--keep DIR]

For each size the script writes a data folder in a temporary directory (or under --keep DIR, to
look at it or run `dantoc --data-dir DIR/<size> check` by hand): report-like Vietnamese texts in
raw/, made up here and never shipped, registered in sources.csv with their sha256; facts.csv rows
whose quotes and mentions stand in those texts; a few mentions listed in ignored_mentions.csv; and
the catalogue tables (paths.CATALOGUE_FILES) copied from data/. The facts
exercise every check: capital totals and their parts (sums), disbursement and plan rates whose
plan may stand in another source of the same province and year (rates), GRDP growth stated by
several sources (cross-source), targets against results, percentages (ranges), GRDP per head in
USD (exchange rates), and figures the extractor finds that no fact covers (coverage). Most sources
are reports of 40–150 figures; one compilation holds a twentieth of all facts, so that work that
grows with the square of a source's size shows.

Then it runs the whole command, `python -m dantoc_analysis --data-dir D check --format json`
(load + validate + checks + coverage, the JSON written to /dev/null), in a fresh process, and
prints its wall time, its CPU time (user + system: what the wall time would be on an idle
machine, since the command runs on one core) and its peak resident memory (the child's ru_maxrss).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dantoc_analysis import admin, paths
from dantoc_analysis.numbers import format_number

COPIED = paths.CATALOGUE_FILES
FACT_COLUMNS = ["fact_id", "source_id", "province", "area", "area_level", "year", "indicator", "value",
                "unit", "qualifier", "basis", "period", "vintage", "as_of", "mention", "quote",
                "ambiguity", "review"]
SOURCE_COLUMNS = ["source_id", "path", "province", "area", "area_level", "title", "publisher", "published",
                  "event_date", "report_year", "url", "sha256", "notes"]
YEARS = range(2021, 2025)
# Made-up syllables for district names: four of them name up to 160.000 districts in one text.
SYLLABLES = ("Nà", "Bản", "Pác", "Khuổi", "Lũng", "Phìn", "Cốc", "Thâm", "Nặm", "Tà", "Sán", "Mường",
             "Pò", "Kéo", "Slam", "Hoà", "Tân", "Yên", "Đồng", "Lạc")


def vi(value: float, decimals: int = 0) -> str:
    return format_number(value, "vi", decimals)


class Report:
    """One made-up source: its sentences and the facts that quote them."""

    def __init__(self, source_id: str, province: str, year: int, rng: random.Random):
        self.source_id, self.province, self.year, self.rng = source_id, province, year, rng
        self.sentences: list[str] = []
        self.facts: list[dict] = []
        self.loose: list[str] = []  # figures stated but left out of facts.csv

    def say(self, sentence: str, *facts: dict) -> None:
        self.sentences.append(sentence)
        for fact in facts:
            assert fact["mention"] in sentence, (fact["mention"], sentence)
            self.facts.append({
                "fact_id": f"{self.source_id}#{len(self.facts) + 1:05d}", "source_id": self.source_id,
                "province": self.province, "area": "", "area_level": "", "year": self.year, "vintage": "",
                "as_of": "", "qualifier": "exact", "basis": "result", "period": "year", "quote": sentence,
                "ambiguity": "", "review": "checked", **fact})

    def capital(self, vintage: int, given: str = "giao") -> None:
        """A plan, its split (sometimes not adding up), disbursement and the stated rates; `given`
        tells an adjusted plan ("điều chỉnh") from the one first given ("giao")."""
        rng = self.rng
        investment, recurrent = rng.randrange(50_000, 900_000), rng.randrange(20_000, 700_000)
        total = investment + recurrent + (rng.choice((1000, -2500)) if rng.random() < 0.1 else 0)
        plan = dict(basis="plan", vintage=vintage, unit="million_vnd")
        self.say(f"Tổng kế hoạch vốn Chương trình 1719 {given} năm {vintage} là {vi(total)} triệu đồng, gồm vốn "
                 f"đầu tư phát triển {vi(investment)} triệu đồng và vốn sự nghiệp {vi(recurrent)} triệu đồng.",
                 dict(indicator="capital_plan_total", value=total, mention=f"{vi(total)} triệu đồng", **plan),
                 dict(indicator="capital_plan_investment", value=investment,
                      mention=f"{vi(investment)} triệu đồng", **plan),
                 dict(indicator="capital_plan_recurrent", value=recurrent,
                      mention=f"{vi(recurrent)} triệu đồng", **plan))
        for kind, word, planned in (("investment", "đầu tư phát triển", investment),
                                    ("recurrent", "sự nghiệp", recurrent)):
            paid = round(planned * rng.uniform(0.2, 1.0))
            rate = round(100 * paid / planned) + (rng.choice((3, -4)) if rng.random() < 0.1 else 0)
            done = dict(vintage=vintage, as_of=f"{self.year}-12-31")
            self.say(f"Đến ngày 31/12/{self.year}, vốn {word} kế hoạch {given} năm {vintage} đã giải ngân "
                     f"{vi(paid)} triệu đồng, đạt {rate}% kế hoạch.",
                     dict(indicator=f"disbursed_{kind}", value=paid, unit="million_vnd",
                          mention=f"{vi(paid)} triệu đồng", **done),
                     dict(indicator=f"disbursement_rate_{kind}", value=rate, unit="percent", mention=f"{rate}%",
                          **done))

    def rate_only(self, vintage: int) -> None:
        """Disbursement whose plan only another source of the province states."""
        paid = self.rng.randrange(20_000, 500_000)
        rate = self.rng.randrange(40, 100)
        done = dict(vintage=vintage)
        self.say(f"Riêng vốn đầu tư phát triển năm {vintage}, báo cáo nhanh ghi nhận giải ngân {vi(paid)} triệu "
                 f"đồng, bằng {rate}% kế hoạch được giao.",
                 dict(indicator="disbursed_investment", value=paid, unit="million_vnd",
                      mention=f"{vi(paid)} triệu đồng", **done),
                 dict(indicator="disbursement_rate_investment", value=rate, unit="percent", mention=f"{rate}%",
                      **done))

    def targets(self) -> None:
        rng = self.rng
        goal, reached = rng.randrange(15, 40) / 10, rng.randrange(10, 45) / 10
        communes_goal, communes = rng.randrange(3, 12), rng.randrange(1, 14)
        self.say(f"Nghị quyết đề ra mục tiêu năm {self.year} giảm tỷ lệ hộ nghèo {vi(goal, 1)}% và đưa "
                 f"{communes_goal:02d} xã ra khỏi diện đặc biệt khó khăn.",
                 dict(indicator="poverty_rate_reduction", value=goal, unit="percent", basis="target",
                      mention=f"{vi(goal, 1)}%"),
                 dict(indicator="communes_exiting_extreme_difficulty", value=communes_goal, unit="communes",
                      basis="target", mention=f"{communes_goal:02d} xã"))
        self.say(f"Kết quả, tỷ lệ hộ nghèo vùng đồng bào dân tộc thiểu số giảm khoảng {vi(reached, 1)}%, "
                 f"có {communes} xã thoát khỏi diện đặc biệt khó khăn.",
                 dict(indicator="poverty_rate_reduction", value=reached, unit="percent", qualifier="approx",
                      mention=f"khoảng {vi(reached, 1)}%"),
                 dict(indicator="communes_exiting_extreme_difficulty", value=communes, unit="communes",
                      mention=f"{communes} xã"))

    def economy(self, growth: float) -> None:
        per_head = self.rng.randrange(300, 1200) / 10
        usd = round(per_head * 1e6 / self.rng.choice((24_500, 24_500, 24_500, 2_450)))
        self.say(f"Tốc độ tăng trưởng kinh tế (GRDP) năm {self.year} đạt {vi(growth, 1)}%.",
                 dict(indicator="grdp_growth", value=growth, unit="percent", mention=f"{vi(growth, 1)}%"))
        self.say(f"GRDP bình quân đầu người ước đạt {vi(per_head, 1)} triệu đồng, tương đương {vi(usd)} USD.",
                 dict(indicator="grdp_per_capita", value=per_head, unit="million_vnd", qualifier="approx",
                      basis="estimate", mention=f"ước đạt {vi(per_head, 1)} triệu đồng"),
                 dict(indicator="grdp_per_capita_usd", value=usd, unit="usd", basis="estimate",
                      mention=f"{vi(usd)} USD"))

    def services(self) -> None:
        rng = self.rng
        parts = [rng.randrange(1, 9) for _ in range(5)]
        total = sum(parts) + (1 if rng.random() < 0.1 else 0)
        words = ("nghị quyết", "quyết định", "kế hoạch", "chương trình", "chỉ thị")
        names = ("policy_resolutions", "policy_decisions", "policy_plans", "policy_programmes", "policy_directives")
        listed = ", ".join(f"{n:02d} {w}" for n, w in zip(parts, words))
        self.say(f"Trong năm {self.year}, tỉnh ban hành {total} văn bản chỉ đạo công tác dân tộc ({listed}).",
                 dict(indicator="policy_documents_issued", value=total, unit="documents", mention=f"{total} văn bản"),
                 *(dict(indicator=i, value=n, unit="documents", mention=f"{n:02d} {w}")
                   for i, n, w in zip(names, parts, words)))
        visits, rate = rng.randrange(10_000, 900_000), rng.randrange(80, 115)
        paved, power = rng.randrange(700, 1000) / 10, rng.randrange(9000, 10100) / 100
        self.say(f"Các cơ sở y tế khám, chữa bệnh nội trú cho {vi(visits)} lượt người, đạt {rate}% kế hoạch.",
                 dict(indicator="inpatient_treatments", value=visits, unit="person_times",
                      mention=f"{vi(visits)} lượt"),
                 dict(indicator="inpatient_treatments_plan_rate", value=rate, unit="percent", mention=f"{rate}%"))
        self.say(f"Tỷ lệ xã có đường ô tô đến trung tâm được cứng hoá đạt {vi(paved, 1)}%, tỷ lệ hộ dùng điện "
                 f"lưới quốc gia đạt {vi(power, 2)}%.",
                 dict(indicator="communes_with_paved_road_rate", value=paved, unit="percent", period="point",
                      mention=f"{vi(paved, 1)}%"),
                 dict(indicator="households_with_electricity_rate", value=power, unit="percent", period="point",
                      mention=f"{vi(power, 2)}%"))
        built, planned = rng.randrange(5, 40), rng.randrange(3, 30)
        works, over = f"{built}/{planned} công trình", 100 * built // planned
        self.say(f"Hỗ trợ nước sinh hoạt phân tán, hoàn thành {works} nước tập trung, vượt {over}% kế hoạch.",
                 dict(indicator="water_works_supported", value=built, unit="works", mention=works),
                 dict(indicator="water_works_supported", value=planned, unit="works", basis="plan", mention=works),
                 dict(indicator="water_works_plan_rate", value=over, unit="percent", qualifier="over",
                      mention=f"vượt {over}%"))
        guests = rng.randrange(80, 400)
        self.sentences.append(f"Hội nghị có {guests} đại biểu tham dự.")
        self.loose.append(f"{guests} đại biểu")

    def district(self, name: str) -> None:
        rng = self.rng
        homes, km, works, projects = (rng.randrange(10, 400), rng.randrange(5, 300) / 10, rng.randrange(2, 60),
                                      rng.randrange(1, 30))
        where = dict(area=name, area_level="district")
        self.say(f"Huyện {name} đã hỗ trợ nhà ở cho {homes} hộ, cứng hoá {vi(km, 1)} km đường, xây dựng {works} "
                 f"công trình giao thông nông thôn và {projects} dự án phát triển sản xuất.",
                 dict(indicator="housing_support_households", value=homes, unit="households", mention=f"{homes} hộ",
                      **where),
                 dict(indicator="roads_hardened_km", value=km, unit="km", mention=f"{vi(km, 1)} km", **where),
                 dict(indicator="rural_transport_works", value=works, unit="works", mention=f"{works} công trình",
                      **where),
                 dict(indicator="production_projects_supported", value=projects, unit="projects",
                      mention=f"{projects} dự án", **where))

    def text(self) -> str:
        return f"Báo cáo tổng kết công tác dân tộc năm {self.year}\n\n" + "\n".join(self.sentences) + "\n"


def district_name(n: int) -> str:
    words = []
    for _ in range(4):
        n, digit = divmod(n, len(SYLLABLES))
        words.append(SYLLABLES[digit])
    return " ".join(words)


def report(source_id: str, province: str, year: int, size: int, growth: float, rng: random.Random) -> Report:
    """A report of about `size` facts: the province-wide sections, then one paragraph per district."""
    made = Report(source_id, province, year, rng)
    made.capital(year)
    if rng.random() < 0.3:  # a second plan of the same year: the checks must take the first stated
        made.capital(year, "điều chỉnh")
    if rng.random() < 0.5:
        made.capital(year - 1)
    if rng.random() < 0.3:
        made.rate_only(year - 2)
    made.targets()
    made.economy(growth if rng.random() < 0.8 else round(growth + rng.choice((0.3, -0.5)), 1))
    made.services()
    n = 0
    while len(made.facts) < size:
        made.district(district_name(n))
        n += 1
    return made


def generate(folder: Path, facts_wanted: int, seed: int = 1719, provinces: int | None = None) -> int:
    """Write a data folder with about `facts_wanted` facts; return how many it holds. A few
    `provinces` make a small data set whose sources still meet (cross-source, plans elsewhere)."""
    rng = random.Random(seed)
    (folder / "raw").mkdir(parents=True)
    for name in COPIED:
        shutil.copy(ROOT / "data" / name, folder / name)
    provinces = sorted(admin.known_slugs() - {admin.COUNTRY["slug"]})[:provinces]
    growth = {(p, y): rng.randrange(40, 110) / 10 for p in provinces for y in YEARS}
    sources, facts, ignored = [], [], []
    sizes = [max(40, facts_wanted // 20)]
    while sum(sizes) < facts_wanted:
        sizes.append(rng.randrange(40, 150))
    for n, size in enumerate(sizes):
        province, year = rng.choice(provinces), rng.choice(YEARS)
        source_id = f"bench-{province}-{year}-{n:05d}"
        made = report(source_id, province, year, size, growth[province, year], rng)
        text = made.text()
        file = f"{n:05d}.txt"
        (folder / "raw" / file).write_text(text, encoding="utf-8")
        sources.append({"source_id": source_id, "path": f"raw/{file}", "province": province,
                        "title": f"Báo cáo công tác dân tộc năm {year}", "publisher": "Ban Dân tộc tỉnh (made up)",
                        "event_date": f"{year + 1}-01-{1 + n % 28:02d}", "report_year": year,
                        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                        "notes": "Made up by bench/check.py."})
        facts.extend(made.facts)
        for loose in made.loose[: n % 2]:  # every other source lists its stray figure as ignored
            ignored.append({"source_id": source_id, "text": loose, "start": text.index(loose),
                            "reason": "attendance, not a programme figure"})
    _write(folder / "sources.csv", SOURCE_COLUMNS, sources)
    _write(folder / "facts.csv", FACT_COLUMNS, facts)
    _write(folder / "ignored_mentions.csv", ["source_id", "text", "start", "reason"], ignored)
    return len(facts)


def _write(path: Path, columns: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, columns, restval="", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def run_check(folder: Path) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds, peak resident MB and exit code of `dantoc check --format json`."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "dantoc_analysis", "--data-dir", str(folder), "check", "--format", "json"]
    started = time.perf_counter()
    with open(os.devnull, "w") as sink:
        child = subprocess.Popen(command, stdout=sink, env=env)
        _, status, usage = os.wait4(child.pid, 0)  # this child's own rusage, not all children's
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped above: Popen must not wait for it
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, child.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--keep", type=Path, help="write the data folders here (kept) instead of a temporary one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dantoc-bench-") as scratch:
        base = args.keep or Path(scratch)
        print(f"{'facts':>8} {'sources':>8} {'seconds':>8} {'CPU s':>8} {'peak MB':>8}  exit")
        for size in args.sizes:
            folder = base / str(size)
            if folder.exists():
                shutil.rmtree(folder)
            count = generate(folder, size)
            seconds, cpu, peak, code = run_check(folder)
            sources = len(list((folder / "raw").iterdir()))
            print(f"{count:>8} {sources:>8} {seconds:>8.1f} {cpu:>8.1f} {peak:>8.0f}  {code}", flush=True)


if __name__ == "__main__":
    main()
