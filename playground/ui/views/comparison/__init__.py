"""The comparison view (view.py) and its parts: the overlaid curves (curves.py), the runs'
small multiples with their verdicts (outputs.py), the race table and headline (table.py)."""
