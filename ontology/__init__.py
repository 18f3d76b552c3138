"""The urbankg ontology and vocabularies (Turtle), shipped as package data."""
