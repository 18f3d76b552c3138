"""urbankg: a validated, queryable knowledge graph of urban development initiatives."""

__version__ = "0.1.0"
