"""The context moved below the views, to models/context.py (models follow its signals);
this name is kept only so imports written before the move keep working."""

from ..models.context import AppContext

__all__ = ["AppContext"]
