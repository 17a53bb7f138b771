"""The main window's parts, each built and wired by ui/main_window.MainWindow: the run's
status (status bar and banner), the training toolbar and actions, the docks' layout, the
look and language choices, the Help menu. Panels, views and widgets never import them.
"""
