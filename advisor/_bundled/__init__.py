"""Data shipped inside the package, found beside its code (never relative to the cwd).

``rules`` and ``schema`` here are links to the source tree's top-level ``rules/`` and
``docs/schema/`` — those stay the single source of truth. Building a wheel or an sdist copies
the linked files in, so an installed advisor carries its packs and the account schema; an
editable install reads them through the links.
"""
