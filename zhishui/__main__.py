"""`python -m zhishui …` runs the same command as `zhishui …` (a machine where the script's folder is not on PATH)."""
from .cli import main

main()
