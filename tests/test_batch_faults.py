"""Faults a tester injects into a batch: every page shows the data of the run that wrote it,
every message is one line with the documented exit code, and no temporary file remains."""

import csv
import errno
import json
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dantoc_analysis import batch
from dantoc_analysis.cli import main

FIXTURES = Path(__file__).parent / "notebooks"
PROVINCES = ("lang-son", "thai-nguyen")  # the provinces the shipped facts are about


@pytest.fixture
def setup(tmp_path, data_copy):
    """A run folder: the data copy, a templates folder with one notebook that echoes the data,
    and where the outputs go."""
    templates = tmp_path / "templates"
    templates.mkdir()
    shutil.copy(FIXTURES / "echo_data.ipynb", templates)
    return {"data": data_copy, "templates": templates, "out": tmp_path / "out", "figures": tmp_path / "figures"}


def args(setup, *extra) -> list[str]:
    return ["--data-dir", str(setup["data"]), "report", "--notebooks", str(setup["templates"]),
            "--output", str(setup["out"]), "--figures", str(setup["figures"]), "--jobs", "2", *extra]


def process(setup, *extra, **popen) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "dantoc_analysis", *args(setup, *extra)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


def rename_first_indicator(data: Path, name: str) -> None:
    path = data / "indicators.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows[0]["name_en"] = name
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def shown(setup) -> dict[str, str]:
    """What each page says the first indicator is called."""
    pages = {}
    for page in sorted(setup["out"].glob("*/echo_data.*.html")):
        text = page.read_text(encoding="utf-8")
        pages[page.relative_to(setup["out"]).as_posix()] = text.split("first indicator is ", 1)[1].split("\n")[0]
    return pages


def temporaries(*folders: Path) -> list[Path]:
    return [p for folder in folders if folder.exists() for p in folder.rglob("*.tmp")]


def one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if not line.startswith("[")]  # progress lines aside
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_a_killed_run_never_leaves_pages_that_claim_to_be_current(setup, capsys):
    assert main(args(setup)) == 0
    original = "Total capital plan"
    assert set(shown(setup).values()) == {original}
    catalogue = setup["data"] / "indicators.csv"
    data_a = catalogue.read_bytes()
    rename_first_indicator(setup["data"], "EDITED")
    run = process(setup, "--jobs", "1")
    finished = 0
    for line in run.stderr:  # off a terminal, one progress line per finished report
        finished += line.startswith("[")
        if finished == 2:
            run.kill()  # kill -9: no clean-up of any kind
            break
    run.wait(timeout=60)
    assert list(shown(setup).values()).count("EDITED") == 2
    catalogue.write_bytes(data_a)  # data A again, byte for byte
    capsys.readouterr()
    assert main(args(setup)) == 0
    assert capsys.readouterr().out.startswith("2 ran, 2 unchanged, 0 failed")
    assert set(shown(setup).values()) == {original}
    assert temporaries(setup["out"], setup["figures"]) == []


def test_a_second_run_on_the_same_output_stops_with_one_line(setup, capsys):
    with batch.output_lock(setup["out"]):
        assert main(args(setup)) == 1
    line = one_line(capsys.readouterr().err)
    assert line.startswith("dantoc: error: another `dantoc report`") and "--output" in line
    assert not list(setup["out"].glob("*/echo_data.*.html"))


def test_a_hanging_cell_is_one_failed_report(setup, capsys):
    shutil.copy(FIXTURES / "hangs.ipynb", setup["templates"])
    started = time.monotonic()
    assert main(args(setup, "--timeout", "3", "--lang", "vi")) == 1
    assert time.monotonic() - started < 60
    out, err = capsys.readouterr()
    failures = [line for line in err.splitlines() if line.startswith("dantoc: report failed")]
    assert sorted(failures) == [f"dantoc: report failed: {p}/hangs.vi: a cell ran longer than 3 s (--timeout)"
                                for p in PROVINCES]
    assert out.startswith("2 ran, 0 unchanged, 2 failed")
    index = (setup["out"] / "index.html").read_text(encoding="utf-8")
    assert "a cell ran longer than 3 s" in index and 'href="lang-son/echo_data.vi.html"' in index


def test_ctrl_c_stops_within_seconds_and_leaves_a_consistent_folder(setup):
    shutil.copy(FIXTURES / "hangs.ipynb", setup["templates"])
    run = process(setup, "--jobs", "2")
    deadline = time.monotonic() + 90
    while not list(setup["out"].glob("*/echo_data.*.html")) and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1.0)  # the hanging reports are running now
    stopped_at = time.monotonic()
    run.send_signal(signal.SIGINT)
    out, err = run.communicate(timeout=30)
    assert time.monotonic() - stopped_at < 10
    assert run.returncode == 130
    line = one_line(err)
    assert line.startswith("dantoc: interrupted: ") and "not run" in line
    assert temporaries(setup["out"], setup["figures"]) == []
    index = (setup["out"] / "index.html").read_text(encoding="utf-8")
    assert "echo_data" in index
    assert not (setup["out"] / batch.MANIFEST).exists()  # an interrupted batch is never "unchanged"
    kernels = subprocess.run(["pgrep", "-f", "ipykernel_launcher.*dantoc"], capture_output=True, text=True)
    assert str(run.pid) not in kernels.stdout


def test_an_unwritable_output_folder_is_found_before_any_work(setup, capsys):
    setup["out"].parent.mkdir(parents=True, exist_ok=True)
    setup["out"].write_text("a file where the folder should be", encoding="utf-8")
    started = time.monotonic()
    assert main(args(setup)) == 2
    assert time.monotonic() - started < 5  # no kernel was started
    line = one_line(capsys.readouterr().err)
    assert line.startswith("dantoc: error: cannot write to ") and "out" in line


def test_a_full_disk_stops_the_batch_with_one_line_and_no_temporary_file(setup, capsys, monkeypatch):
    assert main(args(setup, "--lang", "vi")) == 0
    before = {p: p.read_bytes() for p in setup["out"].rglob("*.html")}
    rename_first_indicator(setup["data"], "EDITED")
    real = pathlib.Path.write_bytes

    def full(self, data):
        if self.name.endswith(".html.tmp") or ".html." in self.name and self.suffix == ".tmp":
            real(self, data[: len(data) // 2])  # half the page got out before the disk filled up
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(self, data)

    monkeypatch.setattr(pathlib.Path, "write_bytes", full)
    capsys.readouterr()
    assert main(args(setup, "--lang", "vi")) == 2
    line = one_line(capsys.readouterr().err)
    assert "No space left on device" in line
    assert temporaries(setup["out"], setup["figures"]) == []
    assert {p: p.read_bytes() for p in setup["out"].rglob("*.html") if p.name != "index.html"} == \
        {p: b for p, b in before.items() if p.name != "index.html"}


def test_a_corrupt_manifest_or_key_is_ignored_and_rebuilt(setup, capsys):
    assert main(args(setup)) == 0
    (setup["out"] / batch.MANIFEST).write_text("{not json", encoding="utf-8")
    key = next(setup["out"].rglob(".echo_data.vi.key"))
    key.write_bytes(b"\xff\xfe garbage")
    capsys.readouterr()
    assert main(args(setup)) == 0
    out, err = capsys.readouterr()
    assert out.startswith("1 ran, 3 unchanged, 0 failed") and "Traceback" not in err
    assert json.loads((setup["out"] / batch.MANIFEST).read_text(encoding="utf-8"))["fingerprint"]
    capsys.readouterr()
    assert main(args(setup)) == 0
    assert capsys.readouterr().out.startswith("0 ran, 4 unchanged")


def test_a_failed_report_keeps_its_page_and_the_index_marks_it_stale(setup, capsys):
    assert main(args(setup, "--lang", "vi")) == 0
    notebook = setup["templates"] / "echo_data.ipynb"
    shutil.copy(FIXTURES / "raises.ipynb", notebook)
    assert main(args(setup, "--lang", "vi")) == 1
    index = (setup["out"] / "index.html").read_text(encoding="utf-8")
    assert index.count('data-state="stale"') == 2
    assert "trang cũ, chưa cập nhật" in index and "old page, not updated" in index
    assert "ValueError: dữ liệu hỏng" in index
    assert (setup["out"] / "lang-son" / "echo_data.vi.html").is_file()


def test_a_closed_pipe_is_not_a_traceback(setup):
    command = " ".join([sys.executable, "-m", "dantoc_analysis", *args(setup)]) + " | head -1"
    result = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, timeout=120)
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr
    assert result.stdout.startswith("4 ran")


def test_a_templates_folder_that_breaks_the_contract_is_bad_input(setup, capsys):
    (setup["templates"] / "broken.ipynb").write_text("{", encoding="utf-8")
    assert main(args(setup)) == 2
    line = one_line(capsys.readouterr().err)
    assert "broken.ipynb" in line and "not a readable notebook" in line
    empty = setup["templates"].parent / "empty"
    empty.mkdir()
    assert main(["report", "--notebooks", str(empty), "--output", str(setup["out"])]) == 2
    assert "no report notebooks" in capsys.readouterr().err


def test_a_researchers_own_templates_run_beside_nothing_else(setup, capsys):
    assert main(args(setup)) == 0
    pages = sorted(shown(setup))
    assert pages == [f"{p}/echo_data.{lang}.html" for p in PROVINCES for lang in ("en", "vi")]
    assert 'href="lang-son/echo_data.en.html"' in (setup["out"] / "index.html").read_text(encoding="utf-8")
