"""Round-twenty-six probes: Chinese, Japanese and Korean exports (their headers, outcome labels,
directions, "合计" totals, dates written 2024年3月4日 or 2024. 3. 4., durations 2分5秒) in their
Windows code pages (GBK, Big5, Shift-JIS, cp949); Swedish, Danish, Norwegian, Finnish, Turkish and
Czech exports, the last two in Windows-1254 and Windows-1250."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa
import pytest
from import_support import (
    answered_weighted_aht,
    at,
    clock,
    contacts_per_queue,
    note_with,
    spread_arrival,
    write,
)

from data import schema
from data.errors import InputError
from data.importer import import_files_detailed
from data.labels import header_words, queue_from_file_name
from data.outcomes import ABANDONED, ANSWERED, OTHER, VOICEMAIL, classify_label, ended_by_caller
from data.sniff import detect_encoding
from data.timestamps import parse_duration

MONDAY = dt.datetime(2024, 3, 4, 8)
SERVED = (0, 1, 3, 4)  # of every five calls, these were answered


def _text(lines: list[str]) -> str:
    return "\r\n".join(lines) + "\r\n"


def _slots(days: int = 5, count: int = 20) -> list[dt.datetime]:
    return [MONDAY + dt.timedelta(days=day, minutes=30 * slot)
            for day in range(days) for slot in range(count)]  # fmt: skip


def _outcomes(result) -> tuple[float, float]:
    frame = result.dataset.intervals
    return float(frame[schema.ANSWERED].sum()), float(frame[schema.ABANDONED].sum())


def _talk(n: int) -> int:
    return 60 + n * 7 % 240 if n % 5 in SERVED else 0


def _mean_talk(count: int, inbound=lambda n: True) -> float:
    return float(np.mean([_talk(n) for n in range(count) if n % 5 in SERVED and inbound(n)]))


# --- Chinese ----------------------------------------------------------------------------------


def _chinese_report() -> str:
    lines = ["日期,时间段,队列,来电量,接通量,放弃量,平均通话时长,平均等待时长"]
    for t in _slots():
        end = t + dt.timedelta(minutes=30)
        for queue, base in (("售后服务", 12), ("销售热线", 5)):
            calls = base + t.hour % 3
            lines.append(f"{t:%Y-%m-%d},{t:%H:%M}-{end:%H:%M},{queue},{calls},{calls - 1},1,"
                         f"{clock(200 + t.hour)},{clock(15)}")  # fmt: skip
    return _text(lines)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk"])
def test_a_chinese_interval_report_is_read(tmp_path, encoding):
    # Before: no header was recognised (Chinese has no Latin letters to match), so the report was
    # refused for want of a count; in GBK, as Excel saves CSV on Chinese Windows, its text was
    # read as Windows-1252 signs.
    path = write(tmp_path, "队列报表.csv", _chinese_report(), encoding)
    result = import_files_detailed([path])
    report = result.files[0]
    assert (report.kind, report.interval_minutes) == (schema.KIND_INTERVALS, 30)
    assert report.columns == {
        "date": "日期",
        "time": "时间段",
        "volume": "来电量",
        "aht": "平均通话时长",
        "queue": "队列",
        "wait": "平均等待时长",
        "answered": "接通量",
        "abandoned": "放弃量",
    }
    assert contacts_per_queue(result) == {"售后服务": 1310.0, "销售热线": 610.0}
    first = at(result.dataset, "2024-03-05 09:00", "销售热线")
    assert (first[schema.VOLUME], first[schema.ANSWERED], first[schema.ABANDONED]) == (5, 4, 1)
    assert (first[schema.AHT_SECONDS], first[schema.WAIT_SECONDS]) == (209, 15)


def _chinese_call_log() -> str:
    lines = ["开始时间,呼叫类型,技能组,主叫号码,通话时长,排队时长(秒),呼叫结果"]
    for n in range(300):
        kind = "呼出" if n % 6 == 5 else "呼入"
        result = "已接听" if n % 5 in SERVED else "未接通"
        lines.append(f"{spread_arrival(n):%Y-%m-%d %H:%M:%S},{kind},{['售后', '售前'][n % 2]},"
                     f"1390000{n:04d},{clock(_talk(n))},{5 + n % 40},{result}")  # fmt: skip
    lines.append("合计,,,,,,")
    return _text(lines)


def test_a_chinese_call_log_in_gbk_reads_its_queue_directions_and_outcomes(tmp_path):
    # Before: only the time was found; every call, outbound ones too, was one queue named by the
    # file, without outcome, talk time or wait.
    result = import_files_detailed([write(tmp_path, "通话记录.csv", _chinese_call_log(), "gbk")])
    columns = result.files[0].columns
    assert (columns["queue"], columns["direction"], columns["outcome"]) == (
        "技能组", "呼叫类型", "呼叫结果")  # fmt: skip
    assert (columns["handle"], columns["wait"]) == ("通话时长", "排队时长(秒)")
    inbound = [n for n in range(300) if n % 6 != 5]
    assert contacts_per_queue(result) == {
        "售后": float(sum(n % 2 == 0 for n in inbound)),
        "售前": float(sum(n % 2 == 1 for n in inbound)),
    }
    answered = sum(n % 5 in SERVED for n in inbound)
    assert _outcomes(result) == (answered, len(inbound) - answered)
    assert answered_weighted_aht(result) == pytest.approx(_mean_talk(300, lambda n: n % 6 != 5))
    assert "'合计'" in note_with(result.dataset, "holding only a note")


def test_a_traditional_chinese_report_in_big5_with_its_total_line(tmp_path):
    # Before: Big5 bytes were read as Windows-1252 and no column was found.
    lines = ["日期,時段,隊列,來電數,接聽數,放棄數,平均通話時間(秒)"]
    for t in _slots():
        lines.append(f"{t:%Y/%m/%d},{t:%H:%M},客服專線,{10 + t.minute // 30},{9 + t.minute // 30},"
                     f"1,{200 + t.hour}")  # fmt: skip
    lines.append("總計,,,1050,950,100,205")
    result = import_files_detailed([write(tmp_path, "話務.csv", _text(lines), "big5")])
    assert result.files[0].columns["volume"] == "來電數"
    assert contacts_per_queue(result) == {"客服專線": 1050.0}
    assert at(result.dataset, "2024-03-06 10:30")[schema.AHT_SECONDS] == 210
    assert "cp950" in note_with(result.dataset, "rows read as interval volumes")


@pytest.mark.parametrize(("queue", "read_as"), [("售后服务", "售后服务"), ("全部", "report")])
def test_a_chinese_one_day_report_named_and_dated_in_its_title(tmp_path, queue, read_as):
    # Before: refused, "no column with dates or timestamps was found": the title's "日期：" and
    # "队列：" are written with a full-width colon, and the queue's name has no Latin word.
    lines = [
        "呼入话务报表",
        f"队列：{queue}",
        "日期：2024年3月4日",
        "",
        "时段,来电量,接通量,放弃量",
    ]
    for slot in range(20):
        start = MONDAY + dt.timedelta(minutes=30 * slot)
        end = start + dt.timedelta(minutes=30)
        lines.append(f"{start:%H:%M}-{end:%H:%M},{10 + slot % 3},{9 + slot % 3},1")
    lines.append("合计,219,199,20")
    result = import_files_detailed([write(tmp_path, "report.csv", _text(lines), "utf-8-sig")])
    assert contacts_per_queue(result) == {read_as: 219.0}
    assert result.first_interval == dt.datetime(2024, 3, 4, 8)
    assert "(line 3: '2024年3月4日')" in note_with(result.dataset, "the date above it")


def test_monthly_exports_dated_in_chinese_in_their_names_make_one_queue(tmp_path):
    # Before: "客服热线_2024年3月" and "客服热线_2024年4月" were two queues, "客服热线_年3月" and
    # "客服热线_年4月", each half the history.
    paths = []
    for month, day in ((3, 4), (4, 1)):
        lines = ["开始时间,来电量"]
        for slot in range(20):
            start = dt.datetime(2024, month, day, 8) + dt.timedelta(minutes=30 * slot)
            lines.append(f"{start:%Y-%m-%d %H:%M},{10 + slot % 2}")
        paths.append(write(tmp_path, f"客服热线_2024年{month}月.csv", _text(lines)))
    result = import_files_detailed(paths)
    assert contacts_per_queue(result) == {"客服热线": 420.0}


@pytest.mark.parametrize(
    ("name", "queue"),
    [("콜센터_2024년3월.csv", "콜센터"), ("着信_2024年03月.csv", "着信"), ("售后_3月4日.csv", "售后"),
     ("samtal_mars_2024.csv", "samtal"), ("Anrufe März 2024.csv", "Anrufe"),
     ("oproepen_maart_2024.csv", "oproepen")],
)  # fmt: skip
def test_dates_in_more_languages_leave_a_file_names_queue(name, queue):
    assert queue_from_file_name(name) == queue


@pytest.mark.parametrize(
    "header",
    ["日期,时段,外呼量,外呼接通量,呼入量,呼入接通量,放弃量",
     "Date,Time,Outbound Calls,Outbound Answered,Inbound Calls,Inbound Answered,Abandoned"],
)  # fmt: skip
def test_outbound_answered_calls_are_not_the_answered_count(tmp_path, header):
    # Before: the first answered-like column, the outbound calls answered (30 of 50 dialled),
    # was read as the answered share of the inbound calls.
    lines = [header]
    for t in _slots():
        lines.append(f"{t:%Y-%m-%d},{t:%H:%M},50,30,{10 + t.minute // 30},{9 + t.minute // 30},1")
    result = import_files_detailed([write(tmp_path, "report.csv", _text(lines))])
    names = header.split(",")
    columns = result.files[0].columns
    assert (columns["volume"], columns["answered"]) == (names[4], names[5])
    assert _outcomes(result) == (950.0, 100.0)


@pytest.mark.parametrize(
    ("header", "words"),
    [("콜백건수", {"callback", "count"}), ("発信数", {"outbound", "calls"}),
     ("转接量", {"transferred"}), ("아웃바운드콜", {"outbound", "calls"})],
)  # fmt: skip
def test_callbacks_outbound_and_transfers_in_east_asian_headers(header, words):
    # Before: "콜백" (callback) read as "calls": a count of callbacks could be taken for the
    # offered contacts.
    assert header_words(header) == words


# --- Japanese and Korean ----------------------------------------------------------------------


def _japanese_call_log() -> str:
    lines = ["着信日時,発信者番号,キュー,ステータス,通話時間,待ち時間,オペレーター"]
    for n in range(300):
        status = "応答" if n % 5 in SERVED else "放棄"
        lines.append(f"{spread_arrival(n):%Y/%m/%d %H:%M:%S},090{n:08d},"
                     f"{['サポート', '営業'][n % 2]},{status},{clock(_talk(n))},"
                     f"{clock(5 + n % 40)},{'田中' if _talk(n) else ''}")  # fmt: skip
    return _text(lines)


@pytest.mark.parametrize("encoding", ["cp932", "euc_jp"])
def test_a_japanese_call_log_in_shift_jis_or_euc_jp_is_read(tmp_path, encoding):
    # Before: read as Windows-1252 ("\x92\x85\x90M" for 着信日時): one queue named by the file,
    # no outcome, no talk time.
    result = import_files_detailed(
        [write(tmp_path, "着信履歴.csv", _japanese_call_log(), encoding)]
    )
    assert encoding in note_with(result.dataset, "rows read as contact records")
    columns = result.files[0].columns
    assert (columns["timestamp"], columns["queue"], columns["outcome"]) == (
        "着信日時", "キュー", "ステータス")  # fmt: skip
    assert (columns["handle"], columns["wait"]) == ("通話時間", "待ち時間")
    assert contacts_per_queue(result) == {"サポート": 150.0, "営業": 150.0}
    assert _outcomes(result) == (240.0, 60.0)
    assert answered_weighted_aht(result) == pytest.approx(_mean_talk(300))
    assert note_with(result.dataset, "outcome 'ステータス':") == (
        "着信履歴.csv: outcome 'ステータス': 応答 -> answered (240), 放棄 -> abandoned (60)."
    )


def test_a_japanese_call_log_with_half_width_katakana(tmp_path):
    # Older Japanese systems write katakana half width ("ｷｭｰ" for キュー), one byte each in
    # Shift-JIS. Before: read as Windows-1252, no queue or outcome.
    lines = ["着信日時,ｷｭｰ,ｽﾃｰﾀｽ,通話時間"]
    for n in range(300):
        status = "応答" if n % 5 in SERVED else "放棄"
        lines.append(f"{spread_arrival(n):%Y/%m/%d %H:%M:%S},{['ｻﾎﾟｰﾄ', '営業'][n % 2]},"
                     f"{status},{clock(_talk(n))}")  # fmt: skip
    result = import_files_detailed([write(tmp_path, "着信.csv", _text(lines), "cp932")])
    columns = result.files[0].columns
    assert (columns["queue"], columns["outcome"]) == ("ｷｭｰ", "ｽﾃｰﾀｽ")
    assert contacts_per_queue(result) == {"ｻﾎﾟｰﾄ": 150.0, "営業": 150.0}
    assert _outcomes(result) == (240.0, 60.0)


def test_a_shift_jis_file_with_a_broken_character_beyond_its_head_is_refused_clearly(tmp_path):
    # The first megabyte decides the code page; a byte pair Shift-JIS lacks further on is named,
    # with what to do, rather than a decoding traceback.
    text = _japanese_call_log()
    copies = 1_200_000 // len(text.encode("cp932")) + 1
    body = text + text.split("\r\n", 1)[1] * copies
    path = tmp_path / "着信履歴.csv"
    path.write_bytes(body.encode("cp932") + b"2024/03/05 09:00:00,\x81\x20,x,0\r\n")
    with pytest.raises(InputError) as refused:
        import_files_detailed([path])
    assert str(refused.value) == (
        "着信履歴.csv: the file reads as cp932 text at first, but holds bytes further on that are "
        "not cp932 (illegal multibyte sequence). Save it again as CSV UTF-8 (Excel: Save As, "
        "'CSV UTF-8') and import that file."
    )


def test_a_japanese_report_with_dates_written_in_kanji(tmp_path):
    # Before: "2024年3月4日" was no date ("no column with dates or timestamps was found").
    lines = ["日付,時間帯,キュー名,着信数,応答数,放棄数,平均処理時間(秒)"]
    for t in _slots():
        lines.append(f"{t.year}年{t.month}月{t.day}日,{t:%H:%M},サポート,{10 + t.hour % 3},"
                     f"{9 + t.hour % 3},1,{200 + t.hour}")  # fmt: skip
    result = import_files_detailed([write(tmp_path, "着信.csv", _text(lines), "cp932")])
    columns = result.files[0].columns
    assert (columns["date"], columns["volume"], columns["aht"]) == (
        "日付", "着信数", "平均処理時間(秒)")  # fmt: skip
    row = at(result.dataset, "2024-03-07 11:30", "サポート")
    assert (row[schema.VOLUME], row[schema.ANSWERED], row[schema.AHT_SECONDS]) == (12, 11, 211)


@pytest.mark.parametrize(
    ("header", "written"),
    [("일시", "{t:%Y. %m. %d.} {t:%H:%M}"),  # Korean Excel's dates
     ("开始时间", "{t.year}年{t:%m}月{t:%d}日 {t:%H:%M:%S}"),
     ("日時", "{t:%Y/%m/%d}({weekday}) {t.hour}時{t:%M}分"),
     ("날짜", "{t.year}년 {t.month}월 {t.day}일 {t:%H:%M}"),
     ("日期", "{t.year}年{t.month}月{t.day}日星期{cn_weekday} {t:%H:%M}"),  # Chinese long date
     ("日期", "{t:%Y/%m/%d} 周{cn_weekday} {t:%H:%M}"),
     ("날짜", "{t.year}년 {t.month}월 {t.day}일 {ko_weekday}요일 {t:%H:%M}")],
)  # fmt: skip
def test_east_asian_dates_and_clocks_are_read(tmp_path, header, written):
    # Before: each was refused: "no column with dates or timestamps was found".
    lines = [f"{header},来电量"]
    for t in _slots():
        weekday, cn_weekday, ko_weekday = (
            "月火水木金土日"[t.weekday()],
            "一二三四五六日"[t.weekday()],
            "월화수목금토일"[t.weekday()],
        )
        written_date = written.format(
            t=t, weekday=weekday, cn_weekday=cn_weekday, ko_weekday=ko_weekday
        )
        lines.append(f"{written_date},{10 + t.minute // 30}")
    result = import_files_detailed([write(tmp_path, "calls.csv", _text(lines))])
    assert result.files[0].interval_minutes == 30
    assert result.first_interval == dt.datetime(2024, 3, 4, 8)
    assert at(result.dataset, "2024-03-08 17:30")[schema.VOLUME] == 11
    assert result.contacts == 1050


@pytest.mark.parametrize(
    "written",
    [
        "{t:%H:%M}~{end:%H:%M}",
        "{t:%H:%M}～{end:%H:%M}",
        "{t.hour}時{t:%M}分",
        "{t.hour}시 {t:%M}분",
    ],
)
def test_east_asian_interval_labels_in_a_time_column(tmp_path, written):
    # Before: refused, "Column '時間帯' (e.g. '08:00～08:30') was not read as clock times".
    lines = ["日付,時間帯,着信数"]
    for t in _slots():
        end = t + dt.timedelta(minutes=30)
        lines.append(f"{t:%Y/%m/%d},{written.format(t=t, end=end)},{10 + t.minute // 30}")
    result = import_files_detailed([write(tmp_path, "calls.csv", _text(lines))])
    assert result.files[0].columns["time"] == "時間帯"
    assert result.files[0].interval_minutes == 30
    assert at(result.dataset, "2024-03-06 12:30")[schema.VOLUME] == 11
    assert result.contacts == 1050


def test_a_korean_report_in_cp949_is_read(tmp_path):
    lines = ["날짜,시간,대기열,인입콜,응답콜,포기콜,평균통화시간"]
    for t in _slots():
        for queue, base in (("고객센터", 12), ("영업", 5)):
            calls = base + t.hour % 3
            lines.append(f"{t:%Y-%m-%d},{t:%H:%M},{queue},{calls},{calls - 1},1,"
                         f"{clock(200 + t.hour)}")  # fmt: skip
    result = import_files_detailed([write(tmp_path, "인입현황.csv", _text(lines), "cp949")])
    assert result.files[0].columns == {
        "date": "날짜",
        "time": "시간",
        "volume": "인입콜",
        "aht": "평균통화시간",
        "queue": "대기열",
        "answered": "응답콜",
        "abandoned": "포기콜",
    }
    assert contacts_per_queue(result) == {"고객센터": 1310.0, "영업": 610.0}
    assert _outcomes(result) == (1720.0, 200.0)


@pytest.mark.parametrize(
    ("header", "roles"),
    [("日付,時間帯,受付件数,応答件数,放棄件数,平均応答時間,平均通話時間",
      ("受付件数", "応答件数", "放棄件数", "平均応答時間", "平均通話時間")),
     ("일자,시간대,인입호,응대호,포기호,평균응답시간,평균통화시간",
      ("인입호", "응대호", "포기호", "평균응답시간", "평균통화시간")),
     ("日期,时段,呼入总量,人工接起量,放弃量,平均应答时长,平均通话时长",
      ("呼入总量", "人工接起量", "放弃量", "平均应答时长", "平均通话时长"))],
)  # fmt: skip
def test_east_asian_received_answered_and_speed_of_answer_headers(tmp_path, header, roles):
    # Before: Japanese "受付" (received) calls were taken for answered ones and the contacts for
    # received + abandoned; Korean "응대호" (handled calls), Chinese "接起" (picked up) and the
    # speed of answer ("平均応答時間") were not read.
    lines = [header]
    for t in _slots():
        lines.append(f"{t:%Y-%m-%d},{t:%H:%M},{10 + t.minute // 30},{9 + t.minute // 30},1,15,200")
    result = import_files_detailed([write(tmp_path, "report.csv", _text(lines))])
    columns = result.files[0].columns
    assert (columns["volume"], columns["answered"], columns["abandoned"]) == roles[:3]
    assert (columns["wait"], columns["aht"]) == roles[3:]
    assert result.contacts == 1050
    row = at(result.dataset, "2024-03-04 08:30")
    assert (row[schema.VOLUME], row[schema.ANSWERED], row[schema.WAIT_SECONDS]) == (11, 10, 15)


def test_a_korean_call_log_leaves_its_outgoing_calls_out(tmp_path):
    lines = ["통화일시,구분,대기열,통화결과,통화시간(초),대기시간(초),상담원"]
    for n in range(300):
        kind = "발신" if n % 6 == 5 else "수신"
        outcome = "응답" if n % 5 in SERVED else "포기"
        lines.append(f"{spread_arrival(n):%Y-%m-%d %H:%M:%S},{kind},{['고객센터', '영업'][n % 2]},"
                     f"{outcome},{_talk(n)},{5 + n % 40},{'김민수' if _talk(n) else ''}")  # fmt: skip
    result = import_files_detailed([write(tmp_path, "통화내역.csv", _text(lines), "cp949")])
    assert result.files[0].columns["direction"] == "구분"
    assert contacts_per_queue(result) == {"고객센터": 150.0, "영업": 100.0}
    assert "'구분' = 발신 left out" in note_with(result.dataset, "left out")
    inbound = [n for n in range(300) if n % 6 != 5]
    answered = sum(n % 5 in SERVED for n in inbound)
    assert _outcomes(result) == (answered, len(inbound) - answered)


def test_a_chinese_cdr_reads_who_answered_and_who_left(tmp_path):
    # Before: "座席接听" (agent answered), "排队放弃" (abandoned in the queue) and "客户未接" were
    # outcomes the importer did not know.
    states = ["座席接听", "座席接听", "排队放弃", "座席接听", "客户未接", "IVR挂机"]
    lines = ["通话ID,客户号码,呼叫类型,开始时间,通话时长,排队时长,技能组,座席姓名,接听状态,挂机方"]
    for n in range(300):
        state = states[n % 6]
        talk = 100 + n % 80 if state == "座席接听" else 0
        lines.append(f"CDR{n:06d},1380013{n:04d},呼入,{spread_arrival(n):%Y-%m-%d %H:%M:%S},"
                     f"{clock(talk)},{clock(15)},{['售后', '售前'][n % 2]},"
                     f"{'王芳' if talk else ''},{state},{['座席挂机', '客户挂机'][n % 2]}")  # fmt: skip
    result = import_files_detailed([write(tmp_path, "cdr.csv", _text(lines))])
    assert result.files[0].columns["outcome"] == "接听状态"
    assert _outcomes(result) == (150.0, 100.0)  # the 50 IVR hang-ups are neither
    assert note_with(result.dataset, "outcome '接听状态':").startswith(
        "cdr.csv: outcome '接听状态': 座席接听 -> answered (150), 排队放弃 -> abandoned (50), "
        "客户未接 -> abandoned (50), IVR挂机 -> other (50)"
    )


@pytest.mark.parametrize(
    ("label", "outcome"),
    [("已接听", ANSWERED), ("未接听", ABANDONED), ("未接通", ABANDONED), ("接通", ANSWERED),
     ("放弃", ABANDONED), ("應答", ANSWERED), ("応答", ANSWERED), ("放棄", ABANDONED),
     ("不在着信", ABANDONED), ("留守番電話", VOICEMAIL), ("응답", ANSWERED), ("포기", ABANDONED),
     ("미응답", ABANDONED), ("부재중", ABANDONED), ("座席接听", ANSWERED), ("排队放弃", ABANDONED),
     ("客户挂机", OTHER), ("オペレーター応答", ANSWERED)],
)  # fmt: skip
def test_east_asian_outcome_labels(label, outcome):
    # Before: every one of them was an outcome the importer did not know.
    assert classify_label(label) == outcome


def test_a_chinese_customer_hang_up_says_only_who_ended_the_call():
    # As "Customer Disconnect": the row's handle time tells a served caller from one who left.
    assert ended_by_caller("客户挂机") and not ended_by_caller("座席挂机")


@pytest.mark.parametrize("header", ["通话时长（分钟）", "通話時間(分)", "통화시간(분)"])
def test_a_handle_time_in_minutes_as_an_east_asian_header_says(tmp_path, header):
    # Before: read in seconds, with a note that 4 s was implausible.
    lines = [f"开始时间,队列,{header}"]
    for n in range(200):
        lines.append(f"{spread_arrival(n):%Y-%m-%d %H:%M:%S},Q,{2 + n % 4}.5")
    result = import_files_detailed([write(tmp_path, "calls.csv", _text(lines))])
    assert result.dataset.mean_handle_seconds == pytest.approx(240.0, abs=0.1)
    assert note_with(result.dataset, "as its header says") == (
        f"calls.csv: '{header}' read in minutes, as its header says."
    )


@pytest.mark.parametrize(
    ("written", "seconds"),
    [("2分5秒", 125), ("1小时2分钟3秒", 3723), ("1時間2分3秒", 3723), ("45秒", 45),
     ("1시간 2분 3초", 3723), ("3분", 180), ("2 分 05 秒", 125)],
)  # fmt: skip
def test_durations_in_east_asian_units(written, seconds):
    # Before: unreadable (NaN).
    assert parse_duration(pa.array([written]), False)[0] == pytest.approx(seconds)


# --- Swedish, Turkish, Czech ------------------------------------------------------------------


def test_a_swedish_interval_report_is_read(tmp_path):
    # Before: refused, no count recognised ("Inkommande samtal").
    lines = ["Datum;Tid;Kö;Inkommande samtal;Besvarade samtal;Tappade samtal;"
             "Genomsnittlig samtalstid;Genomsnittlig väntetid"]  # fmt: skip
    for t in _slots():
        for queue, base in (("Kundtjänst", 12), ("Försäljning", 5)):
            calls = base + t.hour % 3
            lines.append(f"{t:%Y-%m-%d};{t:%H:%M};{queue};{calls};{calls - 1};1;"
                         f"{clock(200 + t.hour)};{clock(20)}")  # fmt: skip
    result = import_files_detailed([write(tmp_path, "ko.csv", _text(lines))])
    assert result.files[0].columns == {
        "date": "Datum",
        "time": "Tid",
        "volume": "Inkommande samtal",
        "aht": "Genomsnittlig samtalstid",
        "queue": "Kö",
        "wait": "Genomsnittlig väntetid",
        "answered": "Besvarade samtal",
        "abandoned": "Tappade samtal",
    }
    assert contacts_per_queue(result) == {"Försäljning": 610.0, "Kundtjänst": 1310.0}
    assert at(result.dataset, "2024-03-04 10:00", "Kundtjänst")[schema.AHT_SECONDS] == 210


@pytest.mark.parametrize(
    ("header", "encoding"),
    [("Dato;Tid;Kø;Tilbudte opkald;Besvarede opkald;Mistede opkald;Gennemsnitlig taletid;"
      "Gennemsnitlig ventetid", "cp1252"),  # Danish
     ("Dato;Tid;Kø;Innkommende anrop;Besvarte anrop;Tapte anrop;Gjennomsnittlig "
      "behandlingstid;Gjennomsnittlig ventetid", "utf-8"),  # Norwegian
     ("Päivämäärä;Aika;Jono;Saapuneet puhelut;Vastatut puhelut;Luovutetut puhelut;"
      "Keskimääräinen puheaika;Keskimääräinen jonotusaika", "cp1252")],  # Finnish
)  # fmt: skip
def test_danish_norwegian_and_finnish_reports_are_read(tmp_path, header, encoding):
    lines = [header]
    for t in _slots():
        for queue, base in (("Kundeservice", 12), ("Salg", 5)):
            calls = base + t.hour % 3
            lines.append(f"{t:%d-%m-%Y};{t:%H:%M};{queue};{calls};{calls - 1};1;"
                         f"{clock(200 + t.hour)};{clock(20)}")  # fmt: skip
    result = import_files_detailed([write(tmp_path, "report.csv", _text(lines), encoding)])
    names = header.split(";")
    assert result.files[0].columns == {
        "date": names[0],
        "time": names[1],
        "queue": names[2],
        "volume": names[3],
        "answered": names[4],
        "abandoned": names[5],
        "aht": names[6],
        "wait": names[7],
    }
    assert contacts_per_queue(result) == {"Kundeservice": 1310.0, "Salg": 610.0}
    row = at(result.dataset, "2024-03-05 12:00", "Salg")
    assert (row[schema.ABANDONED], row[schema.AHT_SECONDS], row[schema.WAIT_SECONDS]) == (
        1,
        212,
        20,
    )


def test_a_swedish_call_log_reads_its_direction_and_outcomes(tmp_path):
    lines = ["Starttid;Riktning;Kö;Resultat;Samtalstid;Väntetid"]
    for n in range(300):
        direction = "Utgående" if n % 6 == 5 else "Inkommande"
        outcome = "Besvarat" if n % 5 in SERVED else "Obesvarat"
        lines.append(f"{spread_arrival(n):%Y-%m-%d %H:%M:%S};{direction};"
                     f"{['Kundtjänst', 'Växel'][n % 2]};{outcome};{clock(_talk(n))};"
                     f"{clock(5 + n % 40)}")  # fmt: skip
    result = import_files_detailed([write(tmp_path, "samtal.csv", _text(lines))])
    columns = result.files[0].columns
    assert (columns["direction"], columns["outcome"], columns["handle"]) == (
        "Riktning", "Resultat", "Samtalstid")  # fmt: skip
    assert contacts_per_queue(result) == {"Kundtjänst": 150.0, "Växel": 100.0}
    inbound = [n for n in range(300) if n % 6 != 5]
    answered = sum(n % 5 in SERVED for n in inbound)
    assert _outcomes(result) == (answered, len(inbound) - answered)


def test_a_turkish_report_in_windows_1254_keeps_its_letters(tmp_path):
    # Before: no count recognised, and ğ, ı, ş read as ð, ý, þ ("Müþteri Hizmetleri").
    lines = ["Tarih;Saat;Kuyruk;Gelen Çağrı;Cevaplanan Çağrı;Kaçan Çağrı;"
             "Ortalama Konuşma Süresi;Ortalama Bekleme Süresi"]  # fmt: skip
    for t in _slots():
        for queue, base in (("Müşteri Hizmetleri", 12), ("Satış", 5)):
            calls = base + t.hour % 3
            lines.append(f"{t:%d.%m.%Y};{t:%H:%M};{queue};{calls};{calls - 1};1;"
                         f"{200 + t.hour};20")  # fmt: skip
    result = import_files_detailed([write(tmp_path, "cagrilar.csv", _text(lines), "cp1254")])
    columns = result.files[0].columns
    assert (columns["volume"], columns["aht"], columns["abandoned"]) == (
        "Gelen Çağrı", "Ortalama Konuşma Süresi", "Kaçan Çağrı")  # fmt: skip
    assert contacts_per_queue(result) == {"Müşteri Hizmetleri": 1310.0, "Satış": 610.0}
    assert at(result.dataset, "2024-03-04 09:30", "Satış")[schema.WAIT_SECONDS] == 20


def _czech_report() -> str:
    lines = ["Datum;Čas;Fronta;Příchozí hovory;Přijaté hovory;Zmeškané hovory;"
             "Průměrná doba hovoru;Průměrná doba čekání"]  # fmt: skip
    for t in _slots():
        for queue, base in (("Zákaznická linka", 12), ("Obchod", 5)):
            calls = base + t.hour % 3
            lines.append(f"{t:%d.%m.%Y};{t:%H:%M};{queue};{calls};{calls - 1};1;"
                         f"{clock(200 + t.hour)};{clock(20)}")  # fmt: skip
    return _text(lines)


def test_a_czech_report_in_windows_1250_is_read_at_its_times(tmp_path):
    # Before: read as Windows-1252 ("Èas"), its average call time was taken for the clock:
    # every row at 00:03 on a 1-minute grid.
    result = import_files_detailed([write(tmp_path, "fronty.csv", _czech_report(), "cp1250")])
    report = result.files[0]
    assert (report.interval_minutes, report.columns["time"]) == (30, "Čas")
    assert report.columns["aht"] == "Průměrná doba hovoru"
    assert report.columns["wait"] == "Průměrná doba čekání"
    assert contacts_per_queue(result) == {"Obchod": 610.0, "Zákaznická linka": 1310.0}
    assert at(result.dataset, "2024-03-08 17:30", "Obchod")[schema.AHT_SECONDS] == 217


def test_a_czech_call_log_reads_its_direction_and_outcomes(tmp_path):
    lines = ["Datum a čas;Směr;Fronta;Stav;Doba hovoru;Doba čekání"]
    for n in range(300):
        direction = "Odchozí" if n % 6 == 5 else "Příchozí"
        outcome = "Přijatý" if n % 5 in SERVED else "Zmeškaný"
        lines.append(f"{spread_arrival(n):%d.%m.%Y %H:%M:%S};{direction};"
                     f"{['Zákaznická linka', 'Obchod'][n % 2]};{outcome};{clock(_talk(n))};"
                     f"{clock(5 + n % 40)}")  # fmt: skip
    result = import_files_detailed([write(tmp_path, "hovory.csv", _text(lines), "cp1250")])
    columns = result.files[0].columns
    assert (columns["direction"], columns["outcome"], columns["queue"]) == (
        "Směr",
        "Stav",
        "Fronta",
    )
    assert contacts_per_queue(result) == {"Obchod": 100.0, "Zákaznická linka": 150.0}
    assert note_with(result.dataset, "outcome 'Stav':").endswith(
        "Přijatý -> answered (200), Zmeškaný -> abandoned (50)."
    )


@pytest.mark.parametrize(
    ("written", "months"),
    [("{t.day}. {month} {t.year} {t:%H:%M}", ("března", "dubna")),  # Czech
     ("{t.day} {month} {t.year} {t:%H:%M}", ("marca", "kwietnia")),  # Polish
     ("{t.day} {month} {t.year} {t:%H:%M}", ("Mart", "Nisan")),  # Turkish
     ("{t.day} de {month} de {t.year} {t:%H:%M}", ("março", "abril")),  # Portuguese
     ("{t.day} {month} {t.year} om {t:%H:%M}", ("maart", "april")),  # Dutch
     ("{t:%d-%m-%Y} kl. {t:%H.%M}", ("", "")),  # Danish, Norwegian
     ("{t:%d.%m.%Y} klo {t:%H.%M}", ("", ""))],  # Finnish
)  # fmt: skip
def test_month_names_and_words_before_the_clock_in_more_languages(tmp_path, written, months):
    # Before: each was refused, "no column with dates or timestamps was found".
    lines = ["Datum;Calls"]
    for t in _slots():
        lines.append(f"{written.format(t=t, month=months[0])};{10 + t.minute // 30}")
    late = dt.datetime(2024, 4, 2, 9, 30)
    lines.append(f"{written.format(t=late, month=months[1])};7")
    result = import_files_detailed([write(tmp_path, "calls.csv", _text(lines))])
    assert result.first_interval == dt.datetime(2024, 3, 4, 8)
    if months[1]:
        assert at(result.dataset, "2024-04-02 09:30")[schema.VOLUME] == 7
    assert at(result.dataset, "2024-03-07 15:30")[schema.VOLUME] == 11


@pytest.mark.parametrize(
    ("label", "outcome"),
    [("Besvarat", ANSWERED), ("Ej besvarat", ABANDONED), ("Tappat", ABANDONED),
     ("Opgivet", ABANDONED), ("Vastattu", ANSWERED), ("Cevaplandı", ANSWERED),
     ("Cevaplanmadı", ABANDONED), ("Terk edildi", ABANDONED), ("Nepřijatý", ABANDONED),
     ("Hovor přijat", ANSWERED)],
)  # fmt: skip
def test_nordic_turkish_and_czech_outcome_labels(label, outcome):
    assert classify_label(label) == outcome


@pytest.mark.parametrize(
    ("header", "yes", "no"),
    [("是否放弃", "是", "否"), ("Terk Edildi", "Evet", "Hayır"), ("Verlaten", "ja", "nee"),
     ("Porzucone", "Tak", "Nie"), ("Tappat", "Ja", "Nej")],
)  # fmt: skip
def test_an_abandoned_yes_no_flag_in_other_languages(tmp_path, header, yes, no):
    # Before: 是/否, Evet/Hayır, nee, Tak/Nie, Nej were no yes/no, so the flag was not read.
    lines = [f"Start Time,Queue,{header},Talk Time"]
    for n in range(300):
        abandoned = n % 5 == 2
        lines.append(f"{spread_arrival(n):%Y-%m-%d %H:%M:%S},Support,{yes if abandoned else no},"
                     f"{0 if abandoned else 60 + n % 100}")  # fmt: skip
    result = import_files_detailed([write(tmp_path, "calls.csv", _text(lines))])
    assert result.files[0].columns["abandoned flag"] == header
    assert _outcomes(result) == (240.0, 60.0)


# --- guards -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "encoding", "read_as"),
    [("Date;Durée;Répondu;Qualità;Größe\n04/03;é;à;ü\n", "cp1252", "cp1252"),
     ("Ora;Città;Perché;Lunedì;Più\nè;ì;ò\n", "cp1252", "cp1252"),
     ("problème;très;Agnès;Ève\n", "cp1252", "cp1252"),
     ("Kø;Søndag;Åben;Prøve;Døer\n", "cp1252", "cp1252"),
     ("Þjónusta;staðan;Símtöl\n", "cp1252", "cp1252"),
     ("Połączenia;Obsługa\n", "cp1250", "cp1250"),
     ("Příchozí;Zákaznická\n", "cp1250", "cp1250"),
     ("Müşteri;Satış\n", "cp1254", "cp1254"),
     ("DURÉE;APPELÉ;ÉTAT;ÜBERLAUF;ÄNDERUNG\n04/03/2024;été;créé;reçu;Größe\n" * 20, "cp1252",
      "cp1252")],
)  # fmt: skip
def test_guard_western_exports_keep_windows_1252(text, encoding, read_as):
    assert detect_encoding(text.encode(encoding)) == read_as


def test_guard_western_header_words_are_unchanged():
    assert header_words("Ø Bearbeitungszeit") == {"bearbeitungszeit"}
    assert header_words("Avg Handle Time") == {"avg", "handle", "time"}
    assert header_words("Durée moyenne") == {"duree", "moyenne"}
    # Short words read only as written with their accents: Italian "KO" (failed calls) is no
    # Swedish queue, French "cas" (cases) no Czech time, a transaction's "TID" no Nordic time.
    assert header_words("KO") == {"ko"}
    assert header_words("Nombre de cas") == {"nombre", "de", "cas"}
    assert header_words("TID") == {"tid"}
    assert (header_words("Kö"), header_words("Čas"), header_words("Tid")) == (
        {"queue"}, {"time"}, {"time"})  # fmt: skip
