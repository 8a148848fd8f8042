"""Chinese, Japanese and Korean words of an export, written as the English words the importer
knows: their headers ("队列", "着信数", "대기열") and labels ("已接听", "放棄", "응답") have no
Latin letters to match, and run together without spaces."""

from __future__ import annotations

import re
import unicodedata

# Header terms, Simplified and Traditional Chinese, Japanese and Korean, as the English words
# columns.py reads. Longer terms come first where one holds another: "대기열" (queue) before
# "대기" (wait), "未接通" (missed) before "接通" (answered).
HEADER_TERMS: dict[str, str] = {
    # dates and times
    "日期": "date", "日付": "date", "年月日": "date", "날짜": "date", "일자": "date",
    "日时": "date time", "日時": "date time", "일시": "date time",
    "时间段": "interval", "時間段": "interval", "時間帯": "interval", "时段": "interval",
    "時段": "interval", "区间": "interval", "區間": "interval", "시간대": "interval",
    "间隔": "interval", "間隔": "interval",
    "开始": "start", "開始": "start", "시작": "start",
    "时间": "time", "時間": "time", "时刻": "time", "時刻": "time", "시간": "time", "시각": "time",
    "时长": "duration", "時長": "duration",
    # queues and their kin
    "대기열": "queue", "队列": "queue", "隊列": "queue", "待ち行列": "queue",
    "キュー": "queue", "큐": "queue",
    "技能组": "skill group", "技能組": "skill group", "技能": "skill", "スキル": "skill",
    "스킬": "skill", "话务组": "group", "話務組": "group", "坐席组": "group", "座席組": "group",
    "グループ": "group", "그룹": "group", "部门": "department", "部門": "department",
    "部署": "department", "부서": "department", "渠道": "channel", "チャネル": "channel",
    "チャンネル": "channel", "채널": "channel",
    # counts of contacts
    "来电": "incoming calls", "來電": "incoming calls", "呼入": "inbound calls",
    "进线": "incoming calls", "進線": "incoming calls", "着信": "incoming calls",
    "入電": "incoming calls", "受電": "incoming calls", "인입": "incoming calls",
    "수신": "incoming calls", "话务量": "calls volume", "話務量": "calls volume",
    "呼叫": "calls", "电话": "calls", "電話": "calls", "콜": "calls", "件数": "count",
    "건수": "count", "总数": "total", "總數": "total", "合计": "total", "合計": "total",
    "总计": "total", "總計": "total", "합계": "total", "총": "total",
    "工单": "tickets", "工單": "tickets", "チケット": "tickets", "티켓": "tickets",
    "会话": "chats", "會話": "chats", "聊天": "chats", "チャット": "chats", "채팅": "chats",
    "邮件": "emails", "郵件": "emails", "メール": "emails", "이메일": "emails",
    # contacts that are no demand in a count's header: callbacks, outbound, transferred
    "콜백": "callback", "回呼": "callback", "回拨": "callback", "回撥": "callback",
    "コールバック": "callback", "外呼": "outbound calls", "去电": "outbound calls",
    "去電": "outbound calls", "発信": "outbound calls", "아웃바운드": "outbound calls",
    "인바운드": "inbound calls", "转接": "transferred", "轉接": "transferred",
    "転送": "transferred", "호전환": "transferred", "전환": "transferred",
    # outcomes counted
    "未接通": "missed", "未接听": "missed", "未接聽": "missed", "未接": "missed",
    "未応答": "missed", "無応答": "missed", "미응답": "missed", "부재": "missed",
    "接通": "answered", "接听": "answered", "接聽": "answered", "应答": "answered",
    "應答": "answered", "応答": "answered", "응답": "answered", "接起": "answered",
    "응대": "handled", "受付": "received", "호": "calls",  # Korean 인입호: incoming calls
    # the wait before an answer ("平均応答時間", Japanese and Korean ASA)
    "応答時間": "time to answer", "应答时长": "time to answer", "應答時長": "time to answer",
    "응답시간": "time to answer",
    "放弃": "abandoned", "放棄": "abandoned", "포기": "abandoned", "呼损": "lost",
    "呼損": "lost",
    # times per contact
    "通话": "talk", "通話": "talk", "통화": "talk", "后处理": "acw", "後処理": "acw",
    "後處理": "acw", "후처리": "acw", "处理": "handle", "処理": "handle", "處理": "handle",
    "처리": "handle", "保留": "hold", "保持": "hold", "보류": "hold", "等待": "wait",
    "排队": "queued", "排隊": "queued", "待ち": "wait", "待機": "wait", "대기": "wait",
    "振铃": "ring", "振鈴": "ring", "平均": "average", "평균": "average",
    "秒": "seconds", "分钟": "minutes", "分鐘": "minutes",
    # other columns
    "服务水平": "service level", "服務水平": "service level", "サービスレベル": "service level",
    "서비스레벨": "service level", "서비스 레벨": "service level", "满意度": "satisfaction",
    "滿意度": "satisfaction", "満足度": "satisfaction", "만족도": "satisfaction",
    "评分": "score", "評分": "score", "평점": "rating",
    "率": "rate", "률": "rate", "율": "rate",
    "结果": "result", "結果": "result", "결과": "result", "状态": "status", "狀態": "status",
    "状態": "status", "ステータス": "status", "상태": "status", "方向": "direction",
    "방향": "direction", "类型": "type", "類型": "type", "種別": "type", "유형": "type",
    "是否": "is",  # "是否放弃": abandoned or not, a yes/no flag
    "主叫": "caller", "発信者": "caller", "발신자": "caller", "발신": "caller", "被叫": "called",
    "号码": "number", "號碼": "number", "番号": "number", "번호": "number",
    "坐席": "agent", "座席": "agent", "オペレーター": "agent", "オペレータ": "agent",
    "상담원": "agent", "상담사": "agent", "工号": "agent id", "编号": "id", "編號": "id",
}  # fmt: skip

# Outcome labels, as the English labels outcomes.py reads ("未接通" is "missed", not "answered").
LABEL_TERMS: dict[str, str] = {
    "未接通": "missed", "未接听": "missed", "未接聽": "missed", "未接": "missed",
    "未应答": "missed", "未應答": "missed", "无应答": "missed", "無應答": "missed",
    "未応答": "missed", "無応答": "missed", "不在着信": "missed", "不在": "missed",
    "미응답": "missed", "미연결": "missed", "부재중": "missed", "부재": "missed",
    "漏接": "missed", "呼损": "abandoned", "呼損": "abandoned", "挂机": "hang up",
    "掛機": "hang up",
    # who ended the call, as Amazon Connect's CUSTOMER_DISCONNECT: the row's time tells the rest
    "客户挂机": "customer hang up", "客戶掛機": "customer hang up", "坐席挂机": "agent hang up",
    "座席挂机": "agent hang up", "座席掛機": "agent hang up",
    "放弃": "abandoned", "放棄": "abandoned", "포기": "abandoned", "挂断": "abandoned",
    "已接听": "answered", "已接聽": "answered", "已接通": "answered", "接通": "answered",
    "接听": "answered", "接聽": "answered", "已应答": "answered", "应答": "answered",
    "應答": "answered", "応答": "answered", "응답": "answered", "통화완료": "answered",
    "연결": "answered", "留言": "voicemail", "留守電": "voicemail", "留守番電話": "voicemail",
    "음성사서함": "voicemail",
}  # fmt: skip

# Directions of a call ("呼入" inbound, "呼出" outbound in Chinese; "着信"/"発信" in Japanese).
INBOUND_TERMS = {"呼入", "来电", "來電", "着信", "受信", "수신", "인입", "인바운드"}
OUTBOUND_TERMS = {
    "呼出",
    "外呼",
    "去电",
    "去電",
    "発信",
    "발신",
    "아웃바운드",
    "内线",
    "内線",
    "내선",
}

_CJK = re.compile(
    r"[\u1100-\u11ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff\uff61-\uff9f]"
)
# Half-width katakana ("ｷｭｰ", older Japanese systems) read as the full-width ones the terms use.
_HALF_WIDTH_KANA = re.compile(r"[\uff61-\uff9f]")


def _full_width(text: str) -> str:
    return unicodedata.normalize("NFKC", text) if _HALF_WIDTH_KANA.search(text) else text


def _pattern(terms: dict[str, str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True)))


_HEADER_PATTERN = _pattern(HEADER_TERMS)
_LABEL_PATTERN = _pattern(LABEL_TERMS)


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


# A unit in brackets, "通話時間(分)", "통화시간(초)": a lone 分 or 초 elsewhere is part of a word
# ("评分" a score, "최초" first).
_BRACKETED_UNITS = {"分": "minutes", "분": "minutes", "초": "seconds", "秒": "seconds"}
_BRACKETED_UNIT = re.compile(r"[(（]\s*(分|분|초|秒)\s*[)）]")


def header_in_english(name: str) -> str:
    """A header with its Chinese, Japanese or Korean terms written as English words, each set
    apart by spaces ("平均通话时长" -> " average  talk  duration ")."""
    if not has_cjk(name):
        return name
    name = _full_width(name)
    name = _BRACKETED_UNIT.sub(lambda match: f" ({_BRACKETED_UNITS[match.group(1)]}) ", name)
    return _HEADER_PATTERN.sub(lambda match: f" {HEADER_TERMS[match.group()]} ", name)


def label_in_english(label: str) -> str:
    """An outcome label in Chinese, Japanese or Korean as its English label ("已接听" ->
    "answered"); any other label as it is."""
    if not has_cjk(label):
        return label
    label = _full_width(label)
    english = _LABEL_PATTERN.sub(lambda match: f" {LABEL_TERMS[match.group()]} ", label)
    if english == label:
        return label
    # Who answered or left is said around the outcome ("座席接听": the agent answered, "排队放弃":
    # abandoned in the queue): the outcome is the term read.
    return " ".join(_CJK.sub(" ", english).split())


def direction_of(value: str) -> bool | None:
    """True for an inbound call, False for an outbound or internal one, None for other values."""
    key = value.strip().removesuffix("呼叫").removesuffix("电话").removesuffix("電話")
    key = key.removesuffix("콜")
    if key in INBOUND_TERMS:
        return True
    return False if key in OUTBOUND_TERMS else None
