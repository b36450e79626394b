"""``python -m kizuna`` runs the command line."""

from kizuna.cli.app import main

main()
