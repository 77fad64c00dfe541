"""The yardstick for the start-up benchmark: a bare PySide6 window drawn to a PNG.

``python benchmarks/bare_window.py OUT.png``: a new process makes a QApplication
(offscreen), a 1280x800 main window with a list and a status bar, draws it and saves
the picture, as ``leap-desktop --screenshot`` does with the real window.

``python benchmarks/bare_window.py OUT.png SERVICE USER``: the same, after importing
the ``keyring`` package and asking it for that entry, as the app asks for a panel's
key: the least any start that reads a key from the keyring can cost (the benchmark's
floor line).
"""

import os
import sys

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtWidgets import QApplication, QListWidget, QMainWindow  # noqa: E402

if len(sys.argv) == 4:
    import keyring

    keyring.get_password(sys.argv[2], sys.argv[3])

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
