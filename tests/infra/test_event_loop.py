"""The event loop the CLI, the server's workers and the benches run (riwayat/infra/event_loop.py)."""

from __future__ import annotations

import asyncio

import pytest

from riwayat.infra import event_loop

uvloop = pytest.importorskip("uvloop")


def test_auto_picks_uvloop_where_it_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RIWAYAT_EVENT_LOOP", raising=False)
    assert event_loop.name() == "uvloop"


def test_the_standard_loop_can_be_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RIWAYAT_EVENT_LOOP", "asyncio")
    assert event_loop.name() == "asyncio"

    async def kind() -> type:
        return type(asyncio.get_running_loop())

    assert not issubclass(event_loop.run(kind()), uvloop.Loop)
    monkeypatch.setenv("RIWAYAT_EVENT_LOOP", " UVLOOP ")
    assert issubclass(event_loop.run(kind()), uvloop.Loop)


def test_an_unknown_loop_is_refused_with_the_choices(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RIWAYAT_EVENT_LOOP", "trio")
    with pytest.raises(ValueError, match="auto, uvloop, asyncio"):
        event_loop.name()


def test_run_returns_the_coroutines_result_and_closes_its_loop() -> None:
    loops = []

    async def answer() -> int:
        loops.append(asyncio.get_running_loop())
        await asyncio.sleep(0)
        return 42

    assert event_loop.run(answer(), "uvloop") == 42
    assert loops[0].is_closed()
