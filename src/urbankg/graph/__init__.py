"""The graph layer: importers, validation and the store."""
