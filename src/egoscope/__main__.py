"""``python -m egoscope`` runs the command-line interface."""

from egoscope.cli.main import app

app()
