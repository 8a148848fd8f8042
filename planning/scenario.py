"""A named planning scenario: volume/AHT what-ifs, the forecast quantile and staffing settings."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from typing import Any

from data.errors import InputError
from staffing.plan import StaffingSettings

# Which forecast column a scenario staffs to; "mean" is the point forecast, the contacts expected.
MEAN_QUANTILE = "mean"
QUANTILE_COLUMNS = {MEAN_QUANTILE: "forecast", "p50": "p50", "p80": "p80", "p90": "p90"}
QUANTILES = tuple(QUANTILE_COLUMNS)


@dataclass
class Scenario:
    """What-if settings saved with a dataset; `to_dict` is JSON-safe for the store."""

    name: str
    volume_change_pct: float = 0.0
    aht_change_pct: float = 0.0
    quantile: str = "mean"
    staffing: StaffingSettings = field(default_factory=StaffingSettings)
    # The queue whose handle time and channel `staffing` holds; None for scenarios saved
    # before the queue was recorded.
    queue: str | None = None

    def __post_init__(self) -> None:
        self.name = str(self.name).strip()
        if not self.name:
            raise InputError("Scenario name is empty: give the scenario a name.")
        self.volume_change_pct = _percent(self.name, "volume change", self.volume_change_pct)
        self.aht_change_pct = _percent(self.name, "AHT change", self.aht_change_pct)
        if self.volume_change_pct < -100:
            raise InputError(
                f"Scenario '{self.name}': volume change {self.volume_change_pct:g}% is below "
                "-100% (no contacts at all); use a value of -100 or more."
            )
        if self.aht_change_pct <= -100:
            raise InputError(
                f"Scenario '{self.name}': AHT change {self.aht_change_pct:g}% leaves no handle "
                "time; use a value above -100."
            )
        if self.quantile not in QUANTILE_COLUMNS:
            raise InputError(
                f"Scenario '{self.name}': forecast quantile '{self.quantile}' is unknown; "
                f"use one of {', '.join(QUANTILES)}."
            )
        if not isinstance(self.staffing, StaffingSettings):
            raise InputError(f"Scenario '{self.name}': staffing settings are missing.")

    @property
    def forecast_column(self) -> str:
        return QUANTILE_COLUMNS[self.quantile]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "volume_change_pct": self.volume_change_pct,
            "aht_change_pct": self.aht_change_pct,
            "quantile": self.quantile,
            "staffing": dataclasses.asdict(self.staffing),
            "queue": self.queue,
        }

    @classmethod
    def from_dict(cls, settings: dict[str, Any]) -> Scenario:
        """Rebuild a stored scenario; staffing knobs added since it was saved get defaults."""
        if not isinstance(settings, dict) or "name" not in settings:
            raise InputError("Stored scenario is not readable: it has no name.")
        staffing = settings.get("staffing") or {}
        known = {item.name for item in dataclasses.fields(StaffingSettings)}
        unknown = sorted(set(staffing) - known)
        if unknown:
            raise InputError(
                f"Scenario '{settings['name']}' has unknown staffing settings "
                f"{', '.join(unknown)}; save it again from the Scenarios page."
            )
        return cls(
            name=settings["name"],
            volume_change_pct=settings.get("volume_change_pct", 0.0),
            aht_change_pct=settings.get("aht_change_pct", 0.0),
            quantile=settings.get("quantile", "mean"),
            staffing=StaffingSettings(**_from_json(staffing)),
            queue=settings.get("queue"),
        )


def _percent(name: str, label: str, value: Any) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if not math.isfinite(number):
        raise InputError(f"Scenario '{name}': {label} '{value}' is not a number of percent.")
    return number


def _from_json(staffing: dict[str, Any]) -> dict[str, Any]:
    # JSON turns tuples into lists; give tuple-typed knobs their tuples back.
    defaults = StaffingSettings()
    return {
        key: tuple(value)
        if isinstance(value, list) and isinstance(getattr(defaults, key), tuple)
        else value
        for key, value in staffing.items()
    }
