"""The pack author's toolkit: lint, docs, scaffold, pack info, cases, diff and what-if."""
