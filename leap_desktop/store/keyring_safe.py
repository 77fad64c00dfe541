"""Keeping a key in the keyring when one works, quietly otherwise."""

from __future__ import annotations

from .keys import KeyringUnavailable, KeyStore, PanelKey


def keep_key(keystore: KeyStore, key: PanelKey) -> bool:
    try:
        keystore.put(key)
    except KeyringUnavailable:
        return False
    return True
