"""Where the real texts of ../shared/corpus are, and what a test does without them.

The corpus lives outside the repository (``SUIVI_CORPUS`` names another
folder). Where it is absent, tests that read it are skipped with the reason,
except on continuous integration (``CI`` set), where a missing corpus would
silently turn the accuracy gates off: there they fail.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("SUIVI_CORPUS") or REPO.parent / "shared" / "corpus")


def require_corpus(corpus: Path = CORPUS) -> Path:
    """*corpus*'s expected.json; skips the calling test where it is absent, fails on CI."""
    expected = corpus / "expected.json"
    if not expected.exists():
        reason = (
            f"the corpus is not present: {expected} does not exist (set SUIVI_CORPUS to its folder)"
        )
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; on CI (CI is set) the corpus gates must run")
        pytest.skip(reason)
    return expected
