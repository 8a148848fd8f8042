"""Staffing page."""

import streamlit as st

st.title("Staffing")
