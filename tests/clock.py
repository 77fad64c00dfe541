"""The fixed time the shared test panels live at: 15 June 2026, 10:00 UTC."""

import datetime as dt

FIXED_NOW = dt.datetime(2026, 6, 15, 10, 0, tzinfo=dt.timezone.utc)
