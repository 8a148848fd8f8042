"""Rows parsed from one or more exports: wall-clock seconds, queue codes and measures."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

UNKNOWN_OUTCOME = -1
# Per-row float measures: NaN where a file lacks one that another file has.
MEASURES = (
    "volume", "aht", "handle", "wait", "satisfaction", "answered", "abandoned", "abandon_wait",
    "closed_day",
)  # fmt: skip  # rows of a file without an outcome column, merged with files that have one


@dataclass
class ParsedRows:
    """Rows after parsing: wall-clock seconds plus the measures present."""

    seconds: np.ndarray  # int64
    codes: np.ndarray  # int64 index into queue_names
    queue_names: list[str]
    volume: np.ndarray | None = None
    aht: np.ndarray | None = None
    handle: np.ndarray | None = None
    wait: np.ndarray | None = None
    outcome: np.ndarray | None = None
    satisfaction: np.ndarray | None = None
    # Interval reports: answered and abandoned counts, abandoned callers' mean wait.
    answered: np.ndarray | None = None
    abandoned: np.ndarray | None = None
    abandon_wait: np.ndarray | None = None
    # Interval reports: 1 on a day total of 0 standing for its whole day closed, else NaN.
    closed_day: np.ndarray | None = None
    notes: list[str] = field(default_factory=list)
    file_index: np.ndarray | None = None  # which file each row came from, once merged
    end_labelled: bool = False  # some time reads "24:00": times mark interval ends
    # Records: the contact each row is a leg of (rows sharing a master contact id: a transfer's
    # legs), numbered within the rows; None when every row is a contact of its own.
    contact_group: np.ndarray | None = None

    def subset(self, keep: np.ndarray) -> ParsedRows:
        """The rows in `keep`, with only the queues they use (renumbered in the same order)."""
        used = np.unique(self.codes[keep])
        renumber = np.full(len(self.queue_names), -1, dtype=np.int64)
        renumber[used] = np.arange(len(used))

        def pick(array: np.ndarray | None) -> np.ndarray | None:
            return None if array is None else array[keep]

        return ParsedRows(
            seconds=self.seconds[keep],
            codes=renumber[self.codes[keep]],
            queue_names=[self.queue_names[code] for code in used],
            outcome=pick(self.outcome),
            file_index=pick(self.file_index),
            contact_group=pick(self.contact_group),
            **{name: pick(getattr(self, name)) for name in MEASURES},
        )


def merge_rows(parts: list[ParsedRows]) -> ParsedRows:
    """One set of rows over all files, queue codes renumbered in sorted queue-name order."""
    names = sorted({queue for part in parts for queue in part.queue_names})
    position = {queue: code for code, queue in enumerate(names)}
    codes = [
        np.array([position[q] for q in part.queue_names], dtype=np.int64)[part.codes]
        for part in parts
    ]
    if len(parts) == 1:  # nothing to join: keep the arrays, only renumber the queues
        part = parts[0]
        return ParsedRows(part.seconds, codes[0], names, outcome=part.outcome,
                          file_index=np.zeros(len(part.seconds), dtype=np.int16),
                          contact_group=part.contact_group,
                          **{name: getattr(part, name) for name in MEASURES})  # fmt: skip

    def joined(attribute: str) -> np.ndarray | None:
        arrays = [getattr(part, attribute) for part in parts]
        if all(array is None for array in arrays):
            return None
        return np.concatenate(
            [
                np.full(len(part.seconds), np.nan) if array is None else array
                for part, array in zip(parts, arrays, strict=True)
            ]
        )

    outcome = None
    if any(part.outcome is not None for part in parts):
        outcome = np.concatenate(
            [
                np.full(len(part.seconds), UNKNOWN_OUTCOME, np.int8)
                if part.outcome is None
                else part.outcome
                for part in parts
            ]
        )
    return ParsedRows(
        seconds=np.concatenate([part.seconds for part in parts]),
        codes=np.concatenate(codes),
        queue_names=names,
        outcome=outcome,
        **{name: joined(name) for name in MEASURES},
        file_index=np.concatenate(
            [np.full(len(part.seconds), index, dtype=np.int16) for index, part in enumerate(parts)]
        ),
        contact_group=_joined_groups(parts),
    )


def _joined_groups(parts: list[ParsedRows]) -> np.ndarray | None:
    """Contact groups over all files, numbered apart: a master id ties the legs of one file only
    (another system may reuse its numbers); a file without groups has a contact per row."""
    if all(part.contact_group is None for part in parts):
        return None
    groups, first = [], 0
    for part in parts:
        own = np.arange(len(part.seconds)) if part.contact_group is None else part.contact_group
        groups.append(own + first)
        first += int(own.max()) + 1 if len(own) else 0
    return np.concatenate(groups).astype(np.int64)
