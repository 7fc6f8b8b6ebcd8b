"""Output: advice as text, JSON and Markdown, and the rule trace."""
