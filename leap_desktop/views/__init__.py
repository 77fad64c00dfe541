"""The Qt side: windows, pages and dialogs. Wiring only: the work happens in services."""
