"""The minutes dialogs: export, circulate, approve, review."""
