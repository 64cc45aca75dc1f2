"""The README's Python example runs in a real Jupyter kernel, as a researcher would run it."""

import re

import nbformat
from nbclient import NotebookClient

from dantoc_analysis.kernel import ensure_kernel
from dantoc_analysis.paths import REPO_ROOT


def test_readme_example_runs_in_a_notebook():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", readme, re.DOTALL).group(1)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    resources = {"metadata": {"path": str(REPO_ROOT)}}
    NotebookClient(notebook, kernel_name=ensure_kernel(), timeout=120, resources=resources).execute()
    outputs = notebook.cells[0].outputs
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") + str(o.get("data", {}).get("text/plain", "")) for o in outputs)
    assert "mismatch" in text  # the findings table shows the 76% rate that does not hold
