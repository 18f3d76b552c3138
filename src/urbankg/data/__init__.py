"""The bundled real programme data (CSV sources) and the coordinators' CSV templates."""
