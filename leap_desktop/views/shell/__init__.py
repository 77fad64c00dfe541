"""The main window's parts, one job each: the page list, page switching, the menus,
text size and theme, the window's size and place, and the status line.

:class:`leap_desktop.views.shell.main_window.MainWindow` puts them together.
"""
