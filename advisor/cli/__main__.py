"""`python -m advisor.cli`: the same command as `advisor` (tests run it in a subprocess)."""
from . import main

if __name__ == "__main__":
    main()
