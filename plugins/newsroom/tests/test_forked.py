"""forked.py: work done by a forked child, its result or its error brought back."""

from __future__ import annotations

import os

import pytest

from newsroom import forked


def test_the_child_returns_what_its_work_returned_from_another_process():
    child = forked.Child(lambda: f"{os.getpid()}".encode() + b"\0" * 100_000)  # larger than a pipe's buffer
    report = child.result()
    pid, padding = report.split(b"\0", 1)
    assert int(pid) not in (0, os.getpid()) and padding == b"\0" * 99_999
    with pytest.raises(forked.ChildFailed):
        child.result()  # waited for once


def test_an_error_in_the_child_comes_back_with_its_traceback():
    def work():
        raise ValueError("berkas rusak")

    with pytest.raises(forked.ChildFailed, match=r"(?s)Traceback.*ValueError: berkas rusak"):
        forked.Child(work).result()


def test_a_child_that_dies_without_a_report_is_a_failure():
    with pytest.raises(forked.ChildFailed, match="status 3 and no report"):
        forked.Child(lambda: os._exit(3)).result()
