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


def test_a_stream_brings_each_object_as_it_is_sent_and_ends_with_the_child():
    def work(send):
        for i in range(3):
            send((os.getpid(), i, b"x" * 100_000))  # each larger than a pipe's buffer
        raise ValueError("berhenti")  # a failure ends the stream after what was sent

    stream = forked.Stream(work)
    got = [stream.receive() for _ in range(3)]
    assert [i for _pid, i, _data in got] == [0, 1, 2] and {pid for pid, _i, _data in got} != {os.getpid()}
    with pytest.raises(EOFError):
        stream.receive()
    stream.close()
    assert stream.pid is None


def test_closing_a_stream_stops_a_child_that_would_send_forever():
    def work(send):
        while True:
            send(b"y" * 10_000)

    stream = forked.Stream(work)
    assert stream.receive() == b"y" * 10_000
    stream.close()  # returns: the child's next send failed on the closed pipe and it left
    assert stream.pid is None
