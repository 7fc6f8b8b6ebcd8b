"""Evaluation: the durable-rules engine, the Python trace, outcomes and ranking."""
