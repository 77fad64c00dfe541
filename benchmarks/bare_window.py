"""The yardstick for the start-up benchmark: a bare PySide6 window drawn to a PNG.

``python benchmarks/bare_window.py OUT.png``: a new process makes a QApplication
(offscreen), a 1280x800 main window with a list and a status bar, draws it and saves
the picture, as ``leap-desktop --screenshot`` does with the real window.
"""

import os
import sys

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtWidgets import QApplication, QListWidget, QMainWindow  # noqa: E402

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QListWidget(window))
window.menuBar().addMenu("&File")
window.statusBar().showMessage("Ready")
window.resize(1280, 800)
window.show()
for _ in range(3):
    app.processEvents()
if not window.grab().save(sys.argv[1], "PNG"):
    sys.exit(1)
