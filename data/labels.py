"""Integer codes for a text label column (queue, outcome) read as dictionary or plain text."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

LABEL_TYPE = pa.dictionary(pa.int32(), pa.string())  # how the CSV reader should read labels


def label_codes(values: pa.ChunkedArray | pa.Array) -> tuple[np.ndarray, list[str]]:
    """(code per row, labels): labels are trimmed and distinct, codes index them; an empty or
    missing cell is the label ""."""
    if isinstance(values, pa.Array):
        values = pa.chunked_array([values])
    if not pa.types.is_dictionary(values.type):
        values = pc.dictionary_encode(values)
    labels: list[str] = []
    position: dict[str, int] = {}
    parts = []
    for chunk in values.chunks:  # each chunk has its own small dictionary: map it to ours
        mapping = []
        for label in chunk.dictionary.to_pylist():
            label = (label or "").strip()
            if label not in position:
                position[label] = len(labels)
                labels.append(label)
            mapping.append(position[label])
        indices = np.asarray(chunk.indices.fill_null(-1), dtype=np.int64)
        if (indices < 0).any():
            mapping.append(_blank(position, labels))  # index -1 = the last entry: a missing cell
        parts.append(np.asarray(mapping, dtype=np.int64)[indices])
    codes = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
    return codes, labels


def _blank(position: dict[str, int], labels: list[str]) -> int:
    if "" not in position:
        position[""] = len(labels)
        labels.append("")
    return position[""]
