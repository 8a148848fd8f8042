"""Scenarios page."""

import streamlit as st

st.title("Scenarios")
