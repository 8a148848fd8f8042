"""Streamlit entry point: page config and navigation between the planner's pages."""

import streamlit as st

from app_ui import preferences
from data.errors import InputError

st.set_page_config(page_title="Picco", page_icon=":material/show_chart:", layout="wide")

navigation = st.navigation(
    [
        st.Page("app_pages/data.py", title="Data", icon=":material/table_view:", default=True),
        st.Page("app_pages/forecast.py", title="Forecast", icon=":material/trending_up:"),
        st.Page("app_pages/staffing.py", title="Staffing", icon=":material/groups:"),
        st.Page("app_pages/shifts.py", title="Shifts", icon=":material/schedule:"),
        st.Page("app_pages/scenarios.py", title="Scenarios", icon=":material/compare:"),
    ]
)
# The targets, costs and forecast options last used come back on a reload, and are kept after
# every run, also one a page ends early (st.stop) or restarts (st.rerun).
preferences.restore()
try:
    navigation.run()
except InputError as error:  # one no page could handle, e.g. a store that cannot be opened
    st.error(str(error), icon=":material/error:")
finally:
    preferences.remember()
