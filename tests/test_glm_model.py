"""Poisson regression: the profiled fit equals statsmodels' GLM, and follows a trend."""

import numpy as np
import pytest
import statsmodels.api as sm

from forecasting.glm_model import PoissonGLM, fit_poisson_cells_trend
from forecasting.history import history_from_intervals
from forecasting.synthetic import synthetic_intervals


def test_profiled_fit_matches_statsmodels_glm():
    rng = np.random.default_rng(0)
    cells = np.tile(np.arange(5), 40)
    weeks = np.repeat(np.arange(40) / 7 - 6, 5)
    truth = np.log([3.0, 10, 30, 8, 1])[cells] + 0.05 * weeks
    counts = rng.poisson(np.exp(truth)).astype(float)
    effects, trend = fit_poisson_cells_trend(counts, cells, weeks, 5)
    design = np.column_stack([np.eye(5)[cells], weeks])
    reference = sm.GLM(counts, design, family=sm.families.Poisson()).fit().params
    np.testing.assert_allclose(effects, reference[:5], atol=1e-4)
    assert trend == pytest.approx(reference[5], abs=1e-5)


def test_glm_continues_a_growing_level():
    frame = synthetic_intervals(7 * 12, seed=8, level=100, weekly_growth=0.03)
    history = history_from_intervals(frame, "desk")
    model = PoissonGLM(weeks=8, damping=1.0).fit(history)
    assert model.trend_ == pytest.approx(np.log(1.03), abs=0.01)
    forecast = model.predict_days(7)
    last_week = history.values[-7:]
    seen = ~np.isnan(last_week)
    # one week on at 3 % a week: about 3 % above the last week seen
    assert forecast[seen].sum() / last_week[seen].sum() == pytest.approx(1.03, abs=0.02)
    assert (forecast[:, history.open_mask[0] == 0] == 0).all()  # never-open slots stay empty


def test_a_window_across_an_export_gap_fits_no_trend_and_keeps_every_weekday():
    # The eight weeks back are seven missing from the export and a last week that lacks two
    # days: no trend may rest on five days, and the two weekdays are not forecast empty but
    # at what the weeks before the gap brought for them.
    frame = synthetic_intervals(7 * 20, seed=4, level=100)
    history = history_from_intervals(frame, "desk")
    values = history.values.copy()
    values[-8 * 7 : -7] = np.nan  # the gap
    values[-2:] = np.nan  # and the last two days
    model = PoissonGLM(weeks=8, damping=1.0).fit(history.with_values(values))
    assert model.trend_ == 0.0
    forecast = model.predict_days(7)
    open_days = history.open_rows(history.n_days, 7).any(axis=1)
    assert forecast[open_days].sum(axis=1).min() > 0
    truth = np.nansum(history.values[-7:])  # the last week as it was, before it was blanked
    assert forecast.sum() == pytest.approx(truth, rel=0.1)


def test_a_short_quiet_spell_keeps_the_trend():
    frame = synthetic_intervals(7 * 12, seed=8, level=100, weekly_growth=0.03)
    history = history_from_intervals(frame, "desk")
    values = history.values.copy()
    values[-30:-21] = np.nan  # nine days without data: a holiday fortnight, not a gap
    model = PoissonGLM(weeks=8, damping=1.0).fit(history.with_values(values))
    assert model.trend_ == pytest.approx(np.log(1.03), abs=0.015)
