"""Command groups beyond extract/eval; each module registers its commands on ``pipeline.cli.cli``."""
