"""File reading and errors: fast YAML parsing within limits, locations for errors, one-line user errors."""
