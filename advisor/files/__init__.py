"""File reading and errors: YAML with locations, the parsed-file cache, one-line user errors."""
