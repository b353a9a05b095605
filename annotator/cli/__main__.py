"""`python -m annotator.cli`: the same command as `annotator`."""
from . import main

main()
