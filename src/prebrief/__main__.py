"""``python -m prebrief`` runs the CLI."""

from prebrief.cli.app import main

main()
