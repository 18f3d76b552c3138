"""The urbankg SHACL shapes (Turtle), shipped as package data."""
