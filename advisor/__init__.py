"""advisor: next-best-action advice for B2B key-account sales, from declarative rule packs."""
from .accounts.account import Account, load_account
from .api import Advice, Advisor
from .files.errors import AdvisorError

__all__ = ["Account", "Advice", "Advisor", "AdvisorError", "load_account"]
__version__ = "0.1.0"
