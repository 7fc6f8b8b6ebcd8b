"""Which key an account's feedback is stored and looked up under."""
from __future__ import annotations

from typing import Optional


def account_key(name: str, crm_id: Optional[str] = None) -> str:
    """The key feedback is stored under: the CRM's id when the account has one (two branches named
    alike stay apart, and a rename in the CRM keeps the account's history), else its name."""
    return f"crm:{crm_id}" if crm_id else name


def lookup_keys(name: str, crm_id: Optional[str] = None) -> list[str]:
    """Keys whose events apply to an account: its own, and — for an account that got its CRM id
    later — what was recorded under its name before (kept, not rewritten)."""
    key = account_key(name, crm_id)
    return [key] if key == name else [key, name]

