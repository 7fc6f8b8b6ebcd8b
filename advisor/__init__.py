"""advisor: next-best-action advice for B2B key-account sales, from declarative rule packs."""
__all__ = ["Account", "Advice", "Advisor", "AdvisorError", "load_account"]
__version__ = "0.1.0"

# The public names are imported on first use (PEP 562), so `advisor --version` and `--help`
# do not build the pydantic models or load durable-rules.
_HOMES = {"Account": "accounts.account", "load_account": "accounts.account", "Advice": "api",
          "Advisor": "api", "AdvisorError": "files.errors"}


def __getattr__(name: str):
    if name in _HOMES:
        import importlib

        value = getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'advisor' has no attribute {name!r}")
