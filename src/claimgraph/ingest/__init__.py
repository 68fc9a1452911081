"""Importers and scaffolds: source database pages -> Turtle entries, page text rendered back
from the graph (``render_page``), and skeletons for new entries."""

from .render import normalise_page, render_page

__all__ = ["normalise_page", "render_page"]
