"""The dialogs, one module per dialog or family of dialogs."""
