"""CRM import: accounts, contacts, opportunities and activities from CSV exports into account files."""
