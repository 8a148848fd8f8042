"""PureConnect (Interaction Center) queue statistics exported to CSV (IWrkgrpQueueStats): headers
in Hungarian notation (n = count, t = summed seconds, m = maximum, c = text, d = date), per-media
rows beside "*" roll-up rows that repeat their sums; and Genesys Cloud's t-metrics, still ms."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from import_support import contacts_per_queue, note_with, write

from data import schema
from data.importer import import_files_detailed

HEADER = (
    "StatisticsSet,cName,cReportGroup,cHKey3,cHKey4,cType,dIntervalStart,dIntervalStartUTC,"
    "nDuration,nEnteredAcd,nAbandonedAcd,nAlertedAcd,nAnsweredAcd,nAnswered,nAcdSvcLvl,"
    "nAnsweredAcdSvcLvl,tAnsweredAcd,mtAnsweredAcd,tAbandonedAcd,mtAbandonedAcd,tTalkAcd,"
    "mtTalkAcd,nHoldAcd,tHoldAcd,nAcw,tAcw,nFlowOutAcd,nTransferAcd,nNotAnsweredAcd,"
    "tAgentLoggedIn,tAgentAvailable,I3TimeStampGMT,SiteId"
)
MEDIA = {"Call": (300, 0.8), "Chat": (600, 0.7)}  # handle seconds, share of it talking
BASE = {("Billing", "Call"): 15, ("Billing", "Chat"): 8, ("Support", "Call"): 25,
        ("Support", "Chat"): 8}  # fmt: skip


def _measures(rng: np.random.Generator, queue: str, media: str) -> dict[str, int]:
    entered = int(rng.poisson(BASE[queue, media]))
    abandoned = int(rng.binomial(entered, 0.08))
    answered = entered - abandoned
    handle, talking = MEDIA[media]
    return {
        "nEnteredAcd": entered, "nAbandonedAcd": abandoned, "nAlertedAcd": entered,
        "nAnsweredAcd": answered, "nAnswered": answered, "nAcdSvcLvl": 20,
        "nAnsweredAcdSvcLvl": int(answered * 0.8),
        "tAnsweredAcd": answered * int(rng.integers(10, 40)), "mtAnsweredAcd": 90,
        "tAbandonedAcd": abandoned * 45, "mtAbandonedAcd": 120 if abandoned else 0,
        "tTalkAcd": int(answered * handle * talking) + int(rng.integers(0, 50)), "mtTalkAcd": 900,
        "nHoldAcd": answered // 3, "tHoldAcd": answered * 20, "nAcw": answered,
        "tAcw": int(answered * handle * (1 - talking)), "nFlowOutAcd": 0,
        "nTransferAcd": int(rng.integers(0, 2)), "nNotAnsweredAcd": 0,
        "tAgentLoggedIn": 14_400, "tAgentAvailable": 3_600,
    }  # fmt: skip


MAXIMA = {"nAcdSvcLvl", "mtAnsweredAcd", "mtAbandonedAcd", "mtTalkAcd"}


def pureconnect_export(seed: int = 7) -> tuple[str, dict[tuple[str, str], dict[str, int]]]:
    """Two workgroups, 30-minute intervals 08:00-18:00 on two days, a "Call" and a "Chat" row
    per interval and a "*" row summing them (maxima: their largest); the detail rows' totals."""
    rng = np.random.default_rng(seed)
    lines, totals = [HEADER], {}
    for slot in range(40):
        start = dt.datetime(2024, 3, 4, 8) + dt.timedelta(days=slot // 20, minutes=30 * (slot % 20))
        utc, written = start - dt.timedelta(hours=1), start + dt.timedelta(minutes=30, seconds=12)
        for queue in ("Billing", "Support"):
            rows = {media: _measures(rng, queue, media) for media in MEDIA}
            rows["*"] = {
                key: (max if key in MAXIMA else sum)(row[key] for row in rows.values())
                for key in rows["Call"]
            }
            for media, row in rows.items():
                lines.append(
                    f"Default,{queue},{media},*,*,Workgroup,{start:%Y-%m-%d %H:%M:%S}.000,"
                    f"{utc:%Y-%m-%d %H:%M:%S}.000,1800,{','.join(map(str, row.values()))},"
                    f"{written:%Y-%m-%d %H:%M:%S}.347,1"
                )
                if media != "*":
                    total = totals.setdefault((queue, media), dict.fromkeys(row, 0))
                    for key, value in row.items():
                        total[key] += value
    return "\n".join(lines) + "\n", totals


@pytest.fixture
def pureconnect(tmp_path):
    text, totals = pureconnect_export()
    return import_files_detailed([write(tmp_path, "IWrkgrpQueueStats.csv", text)]), totals


def test_contacts_per_workgroup_and_media_are_the_entered_counts(pureconnect):
    # Before: the volume was 'nAcw' (after-call work count), the queue 'cReportGroup' ("*",
    # "Call", "Chat"), the "*" rows added to the per-media ones: 4,032 contacts for 2,220 entered.
    result, totals = pureconnect
    columns = result.files[0].columns
    assert (columns["volume"], columns["queue"], columns["queue split"]) == (
        "nEnteredAcd",
        "cName",
        "cReportGroup",
    )
    assert contacts_per_queue(result) == {
        f"{queue} / {media}": float(total["nEnteredAcd"])
        for (queue, media), total in totals.items()
    }
    assert contacts_per_queue(result) == {
        "Billing / Call": 594.0, "Billing / Chat": 311.0,
        "Support / Call": 993.0, "Support / Chat": 322.0,
    }  # fmt: skip
    assert result.contacts == 2220


def test_answered_and_abandoned_are_their_own_counts(pureconnect):
    # Before: answered was 'nEnteredAcd' ("Acd" read as Avaya's answered "ACD Calls"), with the
    # roll-ups added: 4,440 answered and 408 abandoned.
    result, totals = pureconnect
    assert result.files[0].columns["answered"] == "nAnsweredAcd"
    assert result.dataset.answered == sum(t["nAnsweredAcd"] for t in totals.values()) == 2016
    assert result.dataset.abandoned == sum(t["nAbandonedAcd"] for t in totals.values()) == 204
    frame = result.dataset.intervals
    answered = frame.groupby(schema.QUEUE)[schema.ANSWERED].sum().to_dict()
    assert answered == {
        "Billing / Call": 546.0, "Billing / Chat": 282.0,
        "Support / Call": 899.0, "Support / Chat": 289.0,
    }  # fmt: skip


def test_handle_time_is_talk_hold_and_wrap_up_in_seconds_per_answered(pureconnect):
    # Before: the handle time was 'nDuration', the interval's 1800 s; the t-columns would have
    # been read as Genesys Cloud's milliseconds.
    result, totals = pureconnect
    assert result.files[0].columns["aht"] == "tTalkAcd + tHoldAcd + tAcw"
    frame = result.dataset.intervals.dropna(subset=[schema.AHT_SECONDS])
    frame = frame.assign(handle=frame[schema.AHT_SECONDS] * frame[schema.ANSWERED])
    mean = (frame.groupby(schema.QUEUE)["handle"].sum() / frame.groupby(schema.QUEUE)[
        schema.ANSWERED].sum()).to_dict()  # fmt: skip
    expected = {
        f"{queue} / {media}": (t["tTalkAcd"] + t["tHoldAcd"] + t["tAcw"]) / t["nAnsweredAcd"]
        for (queue, media), t in totals.items()
    }
    assert mean == pytest.approx(expected)
    assert mean == pytest.approx(
        {"Billing / Call": 321.85, "Billing / Chat": 623.30,
         "Support / Call": 320.97, "Support / Chat": 623.35}, abs=0.01,
    )  # fmt: skip
    assert "'tTalkAcd' read in seconds, not milliseconds" in note_with(
        result.dataset, "not milliseconds"
    )
    assert not any("read in milliseconds" in note for note in result.dataset.notes)


def test_waits_are_summed_seconds_per_answered_and_abandoned(pureconnect):
    result, totals = pureconnect
    columns = result.files[0].columns
    assert (columns["wait"], columns["abandon wait"]) == ("tAnsweredAcd", "tAbandonedAcd")
    frame = result.dataset.intervals
    abandoned = frame[frame[schema.ABANDONED] > 0]
    assert np.allclose(abandoned[schema.ABANDON_WAIT_SECONDS], 45.0)


def test_rollup_rows_are_skipped_with_a_note(pureconnect):
    result, _ = pureconnect
    assert note_with(result.dataset, "total/subtotal") == (
        "IWrkgrpQueueStats.csv: 80 total/subtotal row(s) were skipped (80 '*' rows in "
        "'cReportGroup', each the sum of the rows beside it in its interval)."
    )
    assert not any("repeat a timestamp" in note for note in result.dataset.notes)


def test_a_rollup_without_detail_rows_is_kept(tmp_path):
    # A workgroup reported only by its "*" row has no other rows: those are its contacts.
    text, totals = pureconnect_export()
    lines = text.splitlines()
    kept = [lines[0]] + [
        line for line in lines[1:] if not line.startswith("Default,Support,C")
    ]  # Support's per-media rows removed, its "*" rows left
    result = import_files_detailed([write(tmp_path, "wq.csv", "\n".join(kept) + "\n")])
    support = sum(totals["Support", media]["nEnteredAcd"] for media in MEDIA)
    assert contacts_per_queue(result)["Support / *"] == support == 1315


def test_agent_staffing_times_of_a_queue_table_are_no_per_agent_rows(tmp_path):
    # Before: refused as "per-agent figures ('tAgentLoggedIn')": the workgroup table sums its
    # agents' staffed time per interval, beside the queue's own counts.
    text, _ = pureconnect_export()
    result = import_files_detailed([write(tmp_path, "wq.csv", text)])
    assert result.contacts == 2220


def _genesys_cloud(tmp_path, header: str, handle_ms: int):
    rng = np.random.default_rng(5)
    rows = [header]
    for slot in range(80):
        start = dt.datetime(2024, 3, 4, 8) + dt.timedelta(days=slot // 16, minutes=30 * (slot % 16))
        answered = int(rng.integers(2, 30))
        stamp = f"{start:%Y-%m-%dT%H:%M:%S.000+01:00}"
        rows.append(
            f"Support,{stamp},{answered + 1},{answered},1,{answered * handle_ms},"
            f"{answered * 20_000},{answered * 60_000}"
        )
    return import_files_detailed([write(tmp_path, "genesys.csv", "\n".join(rows) + "\n")])


@pytest.mark.parametrize(
    "header",
    [
        "queueName,interval,nOffered,nAnswered,nAbandon,tHandle,tAnswered,tAcw",
        "Queue,Interval Start,Offer,Answer,Abandon,tHandle,tAnswered,tAcw",
    ],
)
def test_genesys_cloud_timed_metrics_stay_milliseconds(tmp_path, header):
    # Genesys Cloud's summed tHandle per answered contact is 240,000: hours as seconds, 240 s
    # as milliseconds. Its other t-metrics follow.
    result = _genesys_cloud(tmp_path, header, 240_000)
    frame = result.dataset.intervals.dropna(subset=[schema.AHT_SECONDS])
    assert np.allclose(frame[schema.AHT_SECONDS], 240.0)
    if "wait" in result.files[0].columns:  # a plain "tAnswered" is not taken as the wait
        assert np.allclose(frame[schema.WAIT_SECONDS], 20.0)
    assert "'tHandle' read in milliseconds" in note_with(result.dataset, "milliseconds")
    assert result.contacts == sum(frame[schema.VOLUME])
