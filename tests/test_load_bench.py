"""The arithmetic and plumbing of ``bench/load.py`` (``make load``), without running a load.

The script is loaded from its file: importing it starts nothing (no Django
setup, no server, no locust).
"""

from __future__ import annotations

import importlib.util
import socket
import sys
from pathlib import Path
from types import ModuleType

import pytest


def _load_bench() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "bench" / "load.py"
    spec = importlib.util.spec_from_file_location("bench_load", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


load = _load_bench()

# Two rows of locust's *_stats.csv, with the columns the script reads.
LOCUST_ROWS = [
    {
        "Type": "GET",
        "Name": "/",
        "Request Count": "9000",
        "Failure Count": "2",
        "50%": "110",
        "95%": "190",
    },
    {
        "Type": "POST",
        "Name": "sign-in",
        "Request Count": "0",
        "Failure Count": "0",
        "50%": "N/A",
        "95%": "N/A",
    },
]


def test_locust_figures_are_read_by_name_with_no_value_as_none() -> None:
    stats = load.read_stats(LOCUST_ROWS)

    assert stats["/"] == {"requests": 9000, "failures": 2, "median_ms": 110.0, "p95_ms": 190.0}
    assert stats["sign-in"]["median_ms"] is None


def test_requests_per_second_are_counted_over_the_window() -> None:
    figures = load.page_figures(load.read_stats(LOCUST_ROWS), ["/"], 60.0)

    assert figures["/"].per_second == pytest.approx(150.0)
    assert figures["/"].errors == 2


def test_a_page_locust_never_reported_has_no_requests() -> None:
    figures = load.page_figures(load.read_stats(LOCUST_ROWS), ["/followups/"], 60.0)

    assert figures["/followups/"] == load.PageFigures(
        requests=0, per_second=0.0, median_ms=None, p95_ms=None, errors=0
    )


def test_a_window_of_no_time_is_refused() -> None:
    with pytest.raises(ValueError, match="window"):
        load.page_figures({}, ["/"], 0.0)


def test_the_table_has_one_line_per_page_under_its_label() -> None:
    figures = load.page_figures(load.read_stats(LOCUST_ROWS), ["/", "/followups/"], 60.0)

    lines = load.table(figures, load.PAGES).splitlines()

    assert len(lines) == 3
    assert lines[1].split() == ["dashboard", "/", "9000", "150.0", "110", "190", "2"]
    assert lines[2].split() == ["follow-ups", "/followups/", "0", "0.0", "-", "-", "0"]


def test_a_port_in_use_gives_another_free_one() -> None:
    with socket.socket() as taken:
        taken.bind((load.HOST, 0))
        taken.listen()
        busy = taken.getsockname()[1]

        port = load.free_port(busy)

    assert port != busy
    assert port > 0


def test_the_server_runs_production_settings_for_the_loopback_behind_a_proxy() -> None:
    environment = load.server_environment({"DEBUG": "1", "PATH": "/bin"}, port=8765)

    assert "DEBUG" not in environment
    assert environment["DJANGO_ENV"] == "production"
    assert environment["ALLOWED_HOSTS"] == "127.0.0.1"
    assert environment["SUIVI_PROXY_SSL_HEADER"] == "X-Forwarded-Proto"
    assert environment["DATABASE_URL"] == load.DEFAULT_DATABASE_URL
    assert len(environment["SECRET_KEY"]) >= 50
    assert environment["PATH"] == "/bin"


def test_each_run_has_a_secret_key_of_its_own() -> None:
    first = load.server_environment({}, port=8765)["SECRET_KEY"]
    second = load.server_environment({}, port=8765)["SECRET_KEY"]

    assert first != second


def test_a_database_password_is_not_printed() -> None:
    assert (
        load.redacted("postgres://suivi:s3cret@db.example.org:5432/suivi")
        == "postgres://suivi:***@db.example.org:5432/suivi"
    )
    assert load.redacted(load.DEFAULT_DATABASE_URL) == load.DEFAULT_DATABASE_URL
