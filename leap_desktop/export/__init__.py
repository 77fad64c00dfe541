"""Documents and files written for people outside the app: Word (python-docx) and CSV."""
