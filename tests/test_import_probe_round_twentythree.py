"""Round-twenty-three probes: JustCall's line number, line name and call type; a German compound
group and rating (Userlike); an Asterisk-based CDR's Billsec (Wildix); Italian "Chiamata persa"
and "Nessuna risposta"; Asterisk's NOANSWER; and new vendor layouts that already import right
(CloudTalk, Wildix, NethVoice, VoiSpeed, Front, tawk.to, Kustomer, Enghouse)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from import_support import (
    answered_weighted_aht,
    clock,
    contacts_per_queue,
    note_with,
    spread_arrival,
    write,
)

from data import schema
from data.importer import import_files_detailed

MONDAY = dt.datetime(2024, 3, 4, 8)
SERVED = (0, 1, 3)  # of every five calls, these were answered


def _outcomes(result) -> tuple[float, float]:
    frame = result.dataset.intervals
    return float(frame[schema.ANSWERED].sum()), float(frame[schema.ABANDONED].sum())


# --- JustCall call logs -------------------------------------------------------------------------


def _justcall(phone: bool = True, line_name: bool = True, reason: bool = True) -> str:
    """200 calls on two lines: every fifth missed, every fifth to voicemail (25 s message)."""
    header = ["Call ID", "Call Date", "Call Time", "Contact Name", "Contact Number"]
    header += ["JustCall Number"] * phone + ["JustCall Line Name"] * line_name
    header += ["Agent Name", "Call Direction", "Call Type", "Call Duration"]
    header += ["Missed Call Reason"] * reason + ["Notes"]
    lines = [",".join(header)]
    for n in range(200):
        t = spread_arrival(n)
        kind = ["Answered", "Answered", "Missed", "Answered", "Voicemail"][n % 5]
        talk = {"Answered": 60 + n * 13 % 300, "Voicemail": 25}.get(kind, 0)
        row = [f"{1000 + n}", f"{t:%Y-%m-%d}", f"{t:%H:%M:%S}", f"Customer {n}", f"+1415555{n:04d}"]
        row += ["+14155551234"] * phone + [["Billing", "Tech Support"][n % 2]] * line_name
        row += ["Jordan Lee", "Incoming", kind, f"{talk}"]
        row += ["" if kind == "Answered" else "Call was not picked by any agent"] * reason
        lines.append(",".join([*row, ""]))
    return "\n".join(lines) + "\n"


JUSTCALL_AHT = np.mean([60 + n * 13 % 300 for n in range(200) if n % 5 in SERVED])


def test_a_phone_number_repeated_down_a_call_log_is_no_count(tmp_path):
    # Before: "JustCall Number" (+14155551234 on every row) read as a count of calls ("Just Call
    # Number"), refused as 14 billion contacts in one row.
    result = import_files_detailed([write(tmp_path, "calls.csv", _justcall())])
    assert result.files[0].kind == schema.KIND_RECORDS
    assert "volume" not in result.files[0].columns
    assert result.contacts == 200
    # The missed-call reason of a voicemail says only "not picked": its call type tells it.
    assert _outcomes(result) == (120.0, 40.0)
    assert answered_weighted_aht(result) == pytest.approx(JUSTCALL_AHT)


def test_a_line_name_carrying_the_vendors_name_is_the_queue(tmp_path):
    # Before: "JustCall Line Name" was no queue, so the call types (Answered, Missed, Voicemail)
    # became the queues.
    result = import_files_detailed([write(tmp_path, "calls.csv", _justcall(phone=False))])
    assert result.files[0].columns["queue"] == "JustCall Line Name"
    assert "queue split" not in result.files[0].columns
    assert contacts_per_queue(result) == {"Billing": 100.0, "Tech Support": 100.0}


def test_a_call_type_of_outcomes_is_the_outcome(tmp_path):
    # Before: "Call Type" (Answered, Missed, Voicemail) was read as a kind of contact, so as the
    # queue, and no call was answered or abandoned.
    text = _justcall(phone=False, line_name=False, reason=False)
    result = import_files_detailed([write(tmp_path, "calls.csv", text)])
    assert result.files[0].columns["outcome"] == "Call Type"
    assert contacts_per_queue(result) == {"calls": 200.0}
    # A voicemail is a message left to be called back: neither answered nor abandoned.
    assert _outcomes(result) == (120.0, 40.0)
    assert answered_weighted_aht(result) == pytest.approx(JUSTCALL_AHT)
    assert note_with(result.dataset, "outcome 'Call Type':") == (
        "calls.csv: outcome 'Call Type': Answered -> answered (120), Missed -> abandoned (40), "
        "Voicemail -> voicemail (40); 'Voicemail' says that the caller left a message to be "
        "called back: neither answered nor abandoned (the caller did not give up), still counted "
        "as arrivals."
    )


def test_guard_a_line_number_alone_names_no_queue(tmp_path):
    # A "Line Number" of phone numbers stays no queue and no count.
    lines = ["Date,Caller,Line Number,Status,Duration"] + [
        f"{spread_arrival(n):%Y-%m-%d %H:%M:%S},+39333{n:07d},+39 02 9999 0000,"
        f"{'missed' if n % 5 == 2 else 'answered'},{0 if n % 5 == 2 else 100 + n}"
        for n in range(100)
    ]
    result = import_files_detailed([write(tmp_path, "log.csv", "\n".join(lines) + "\n")])
    assert "queue" not in result.files[0].columns
    assert contacts_per_queue(result) == {"log": 100.0}
    assert _outcomes(result) == (80.0, 20.0)


# --- Userlike (German): a compound "...gruppe" header and a "Bewertung" ------------------------


def _userlike() -> str:
    lines = ["ID;Erstellt;Beendet;Kanal;Operator;Operatorgruppe;Status;Dauer;Wartezeit;Bewertung"]
    for n in range(200):
        t, length = spread_arrival(n), 180 + n * 23 % 500
        lines.append(
            f"{700_000 + n};{t:%d.%m.%Y %H:%M};{t + dt.timedelta(seconds=length):%d.%m.%Y %H:%M};"
            f"Website;Jonas;{['Vertrieb', 'Kundenservice'][n % 2]};"
            f"{'missed' if n % 7 == 0 else 'ended'};{clock(length)};{clock(5 + n % 50)};"
            f"{'' if n % 3 else 2 + n % 4}"
        )
    return "\n".join(lines) + "\n"


def test_a_german_compound_group_header_is_the_queue(tmp_path):
    # Before: "Operatorgruppe" (operator group) was no queue: one queue named after the file.
    result = import_files_detailed([write(tmp_path, "userlike.csv", _userlike())])
    assert result.files[0].columns["queue"] == "Operatorgruppe"
    assert contacts_per_queue(result) == {"Kundenservice": 100.0, "Vertrieb": 100.0}
    assert _outcomes(result) == (171.0, 29.0)


def test_a_german_bewertung_is_the_satisfaction(tmp_path):
    # Before: the rating "Bewertung" was left unread.
    result = import_files_detailed([write(tmp_path, "userlike.csv", _userlike())])
    assert result.files[0].columns["satisfaction"] == "Bewertung"
    rated = [2 + n % 4 for n in range(200) if n % 3 == 0]
    assert note_with(result.dataset, "satisfaction 'Bewertung':") == (
        f"userlike.csv: satisfaction 'Bewertung': {len(rated)} rated contact(s), mean "
        f"{np.mean(rated):.2f} (from 2 to 5)."
    )


# --- An Asterisk-based PBX's CDR: Billsec is the talk time -------------------------------------


def test_billsec_beside_duration_is_the_talk_time(tmp_path):
    # Before: "Duration" (ringing and queueing included) was the handle time, 15 s too long.
    lines = ["Start,Answer,End,Caller,Caller name,Callee,Duration,Billsec,Disposition,Queue,Trunk"]
    for n in range(200):
        t, answered = spread_arrival(n), n % 5 in SERVED
        talk = 90 + n * 11 % 240 if answered else 0
        answer = f"{t + dt.timedelta(seconds=15):%Y-%m-%d %H:%M:%S}" if answered else ""
        lines.append(
            f"{t:%Y-%m-%d %H:%M:%S},{answer},{t + dt.timedelta(seconds=15 + talk):%Y-%m-%d %H:%M:%S},"
            f"+44207{n:06d},Client,{200 + n % 4},{15 + talk},{talk},"
            f"{'ANSWERED' if answered else 'NO ANSWER'},{['Sales', 'Support'][n % 2]},SIP"
        )
    result = import_files_detailed([write(tmp_path, "cdr.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["handle"] == "Billsec"
    assert _outcomes(result) == (120.0, 80.0)
    expected = np.mean([90 + n * 11 % 240 for n in range(200) if n % 5 in SERVED])
    assert answered_weighted_aht(result) == pytest.approx(expected)


# --- Outcome labels: "Chiamata persa", "Nessuna risposta", NOANSWER ---------------------------


def test_italian_chiamata_persa_and_nessuna_risposta_are_abandoned(tmp_path):
    # Before: both were outcomes the importer did not know: 80 calls neither answered nor
    # abandoned (and "Chiamata risposta" answered only for its handle time).
    labels = ["Chiamata risposta", "Chiamata risposta", "Chiamata persa", "Chiamata risposta"]
    labels.append("Nessuna risposta")
    lines = ["Data e ora;Tipo;Esito;Numero;Operatore;Linea;Durata"]
    for n in range(200):
        talk = 50 + n * 31 % 400 if n % 5 in SERVED else 0
        lines.append(
            f"{spread_arrival(n):%d/%m/%Y %H:%M};Entrante;{labels[n % 5]};+39 347 {n:07d};"
            f"{'Giulia' if talk else ''};{['Assistenza clienti', 'Ufficio ordini'][n % 2]};"
            f"{clock(talk)}"
        )
    result = import_files_detailed([write(tmp_path, "chiamate.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["outcome"] == "Esito"
    assert contacts_per_queue(result) == {"Assistenza clienti": 100.0, "Ufficio ordini": 100.0}
    assert _outcomes(result) == (120.0, 80.0)
    assert note_with(result.dataset, "outcome 'Esito':") == (
        "chiamate.csv: outcome 'Esito': Chiamata risposta -> answered (120), Chiamata persa -> "
        "abandoned (40), Nessuna risposta -> abandoned (40)."
    )


def test_asterisk_noanswer_dial_status_is_abandoned(tmp_path):
    # Before: Asterisk's DIALSTATUS "NOANSWER" (the CDR's "NO ANSWER") was no known outcome.
    lines = ["Call date,Caller,Queue name,Dial status,Wait time,Talk time"]
    for n in range(200):
        talk = 70 + n * 3 % 300 if n % 5 in SERVED else 0
        lines.append(
            f"{spread_arrival(n):%Y-%m-%d %H:%M:%S},0039333{n:07d},{['Sales', 'Support'][n % 2]},"
            f"{'ANSWER' if talk else 'NOANSWER'},{10 + n % 25},{talk}"
        )
    result = import_files_detailed([write(tmp_path, "dial.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["outcome"] == "Dial status"
    assert _outcomes(result) == (120.0, 80.0)


# --- New vendor layouts that already imported right -------------------------------------------


@pytest.mark.parametrize(
    ("header", "row", "labels"),
    [
        (  # CloudTalk call history, English: Group is the queue, Type the direction
            "Call ID,Date,Type,Status,Contact name,Contact number,Agent,CloudTalk number,Group,"
            "Waiting time,Talking time,Total time",
            "{id},{t:%Y-%m-%d %H:%M:%S},incoming,{status},Mario Rossi,+39 02 1234{n:04d},Anna,"
            "+39 02 9999 0000,{queue},{wait},{talk},{total}",
            ("answered", "missed"),
        ),
        (  # CloudTalk in Italian: semicolons, dd/mm/yyyy, H:MM:SS durations
            "ID chiamata;Data;Tipo;Stato;Contatto;Numero;Agente;Numero CloudTalk;Gruppo;"
            "Tempo di attesa;Tempo di conversazione;Durata totale",
            "{id};{t:%d/%m/%Y %H:%M:%S};in entrata;{status};Mario Rossi;+39 02 1234{n:04d};Anna;"
            "+39 02 9999 0000;{queue};{wait_clock};{talk_clock};{total_clock}",
            ("risposta", "persa"),
        ),
    ],
)
def test_vendor_layout_cloudtalk_call_history(tmp_path, header, row, labels):
    lines = [header]
    for n in range(200):
        missed, wait = n % 5 == 0, 10 + n % 40
        talk = 0 if missed else 120 + n * 7 % 200
        values = dict(id=9_000_000 + n, t=spread_arrival(n), n=n, queue=["Sales", "Support"][n % 2])
        values.update(status=labels[missed], wait=wait, talk=talk, total=wait + talk)
        values.update(wait_clock=clock(wait), talk_clock=clock(talk))
        values.update(total_clock=clock(wait + talk))
        lines.append(row.format(**values))
    result = import_files_detailed([write(tmp_path, "cloudtalk.csv", "\n".join(lines) + "\n")])
    columns = result.files[0].columns
    assert columns["queue"] in ("Group", "Gruppo")
    assert columns["handle"] in ("Talking time", "Tempo di conversazione")
    assert columns["wait"] in ("Waiting time", "Tempo di attesa")
    assert contacts_per_queue(result) == {"Sales": 100.0, "Support": 100.0}
    assert _outcomes(result) == (160.0, 40.0)
    assert answered_weighted_aht(result) == pytest.approx(
        np.mean([120 + n * 7 % 200 for n in range(200) if n % 5])
    )


def test_vendor_layout_wildix_cdr_in_italian(tmp_path):
    lines = ["Inizio;Risposta;Fine;Chiamante;Chiamato;Durata;Conversazione;Stato;Coda;Trunk"]
    for n in range(200):
        t, status = (
            spread_arrival(n),
            ["ANSWERED", "ANSWERED", "NO ANSWER", "ANSWERED", "BUSY"][n % 5],
        )
        talk = 90 + n * 11 % 240 if status == "ANSWERED" else 0
        answer = f"{t + dt.timedelta(seconds=12):%d/%m/%Y %H:%M:%S}" if talk else ""
        end = t + dt.timedelta(seconds=12 + talk)
        lines.append(
            f"{t:%d/%m/%Y %H:%M:%S};{answer};{end:%d/%m/%Y %H:%M:%S};+39045{n:06d};{200 + n % 4};"
            f"{12 + talk};{talk};{status};{['Assistenza', 'Commerciale'][n % 2]};SIP-Trunk"
        )
    result = import_files_detailed([write(tmp_path, "wildix.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["timestamp"] == "Inizio"
    assert result.files[0].columns["handle"] == "Conversazione"
    assert contacts_per_queue(result) == {"Assistenza": 100.0, "Commerciale": 100.0}
    assert _outcomes(result) == (120.0, 40.0)  # BUSY: neither
    assert result.first_interval == dt.datetime(2024, 3, 4, 8)  # 04/03 read day first
    expected = np.mean([90 + n * 11 % 240 for n in range(200) if n % 5 in SERVED])
    assert answered_weighted_aht(result) == pytest.approx(expected)


def test_vendor_layout_nethvoice_queue_report_with_decimal_commas(tmp_path):
    lines = ["Data;Ora;Coda;Chiamate;Risposte;Abbandonate;Attesa media;Durata media"]
    for day in range(5):
        for slot in range(16):
            t = MONDAY + dt.timedelta(days=day, minutes=30 * slot)
            for queue, base in (("Assistenza", 10), ("Vendite", 4)):
                calls = base + (day + slot) % 5
                answered = calls - (slot % 3 == 0)
                lines.append(
                    f"{t:%d/%m/%Y};{t:%H:%M};{queue};{calls};{answered};{calls - answered};"
                    f"{20 + slot},5;{180 + slot * 2},5"
                )
    result = import_files_detailed([write(tmp_path, "code.csv", "\n".join(lines) + "\n")])
    report = result.files[0]
    assert (report.kind, report.interval_minutes) == (schema.KIND_INTERVALS, 30)
    assert report.columns["wait"] == "Attesa media"
    assert report.columns["aht"] == "Durata media"
    assert contacts_per_queue(result) == {"Assistenza": 960.0, "Vendite": 480.0}
    assert _outcomes(result) == (1380.0, 60.0)
    frame = result.dataset.intervals
    first = frame[(frame[schema.QUEUE] == "Vendite") & (frame[schema.INTERVAL_START] == MONDAY)]
    assert first[schema.WAIT_SECONDS].item() == pytest.approx(20.5)
    assert first[schema.AHT_SECONDS].item() == pytest.approx(180.5)


def test_vendor_layout_voispeed_call_log_with_minutes_seconds(tmp_path):
    labels = ["Risposta", "Risposta", "Persa", "Risposta", "Non risposta"]
    lines = ["Data;Ora;Direzione;Chiamante;Chiamato;Interno;Gruppo;Esito;Attesa;Durata"]
    for n in range(200):
        t, talk = spread_arrival(n), 60 + n * 17 % 400 if n % 5 in SERVED else 0
        lines.append(
            f"{t:%d/%m/%Y};{t:%H:%M:%S};Entrante;+39 333 {n:07d};0451234567;"
            f"{201 + n % 3 if talk else ''};{['Supporto Tecnico', 'Amministrazione'][n % 2]};"
            f"{labels[n % 5]};{15 + n % 30};{talk // 60:02d}:{talk % 60:02d}"
        )
    result = import_files_detailed([write(tmp_path, "voispeed.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["queue"] == "Gruppo"
    assert contacts_per_queue(result) == {"Amministrazione": 100.0, "Supporto Tecnico": 100.0}
    assert _outcomes(result) == (120.0, 80.0)
    expected = np.mean([60 + n * 17 % 400 for n in range(200) if n % 5 in SERVED])
    assert answered_weighted_aht(result) == pytest.approx(expected)


def test_vendor_layout_front_messages_count_inbound_per_inbox(tmp_path):
    header = "Message ID,Conversation ID,Direction,Status,Inbox,Message date,Reaction time,"
    lines = [header + "Assignee,Author,Contact handle,Extract"]
    for n in range(150):
        t, inbox = spread_arrival(n), ["Support", "Billing"][n % 2]
        lines.append(
            f"msg_{2 * n:06x},cnv_{n:05x},Inbound,archived,{inbox},{t:%m/%d/%Y %H:%M},,,"
            f"Cust {n},c{n}@ex.com,Hello"
        )
        if n % 3:
            reply = t + dt.timedelta(minutes=20)
            lines.append(
                f"msg_{2 * n + 1:06x},cnv_{n:05x},Outbound,archived,{inbox},"
                f"{reply:%m/%d/%Y %H:%M},1200,Anna,Anna,c{n}@ex.com,Hi"
            )
    result = import_files_detailed([write(tmp_path, "front.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["queue"] == "Inbox"
    assert contacts_per_queue(result) == {"Billing": 75.0, "Support": 75.0}
    assert result.first_interval == dt.datetime(2024, 3, 4, 8)


def test_vendor_layout_tawkto_chats_with_a_missed_flag(tmp_path):
    lines = ["Chat ID,Start Time,End Time,Duration,Visitor Name,Department,Agents,Rating,Missed"]
    for n in range(200):
        t, missed = spread_arrival(n), n % 6 == 0
        length = 0 if missed else 240 + n * 19 % 600
        lines.append(
            f"{n:08x}abcd,{t:%Y-%m-%d %H:%M:%S},{t + dt.timedelta(seconds=length):%Y-%m-%d %H:%M:%S},"
            f"{clock(length)},V{n},{['Sales', 'Support'][n % 2]},{'' if missed else 'Luca'},,"
            f"{'Yes' if missed else 'No'}"
        )
    result = import_files_detailed([write(tmp_path, "tawk.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["queue"] == "Department"
    assert result.files[0].columns["abandoned flag"] == "Missed"
    assert _outcomes(result) == (166.0, 34.0)
    expected = np.mean([240 + n * 19 % 600 for n in range(200) if n % 6])
    assert answered_weighted_aht(result) == pytest.approx(expected)


def test_vendor_layout_enghouse_queue_interval_report(tmp_path):
    lines = ["Queue Name,Date,Interval,Offered,Answered,Abandoned,ASA,AHT,Service Level %"]
    for day in range(5):
        for slot in range(16):
            t = MONDAY + dt.timedelta(days=day, minutes=30 * slot)
            end = t + dt.timedelta(minutes=30)
            for queue, base in (("Helpdesk", 12), ("Orders", 6)):
                calls, lost = base + day * slot % 4, slot % 2
                lines.append(
                    f"{queue},{t:%d/%m/%Y},{t:%H:%M} - {end:%H:%M},{calls},{calls - lost},{lost},"
                    f"{clock(20 + slot)},{clock(200 + slot)},{(calls - lost) / calls * 100:.1f}"
                )
    result = import_files_detailed([write(tmp_path, "enghouse.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["volume"] == "Offered"
    assert result.files[0].interval_minutes == 30
    assert contacts_per_queue(result) == {"Helpdesk": 1024.0, "Orders": 544.0}
    assert _outcomes(result) == (1488.0, 80.0)
