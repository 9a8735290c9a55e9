"""ipdev: one platform for IP development cooperation."""

__version__ = "0.1.0"
