"""IATI 2.03 import and export: codelist mapping, checks, no domain logic of its own."""
