"""Portfolios: advice over many accounts."""
