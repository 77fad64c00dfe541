"""Qt item models over the services (no SQL here, no widgets)."""
