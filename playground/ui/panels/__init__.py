"""Panels: widgets that edit the design (data, layers, training) and show the open lesson."""
