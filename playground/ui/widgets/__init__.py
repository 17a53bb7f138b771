"""Widgets and plot helpers shared by panels and views."""
