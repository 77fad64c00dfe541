"""Pieces that several screens are built from: parts of a form, the person picker, and
the ways a screen says what happened."""
