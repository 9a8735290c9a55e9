"""Alias: ``ipdev export-iati``."""

from .export_iati import Command

__all__ = ["Command"]
