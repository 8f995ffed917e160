"""Check: the Great Expectations gate, one asset check per suite."""

from .assets import validated_warehouse

__all__ = ["validated_warehouse"]
