"""Alias: ``ipdev import-iati``."""

from .import_iati import Command

__all__ = ["Command"]
