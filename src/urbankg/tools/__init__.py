"""Developer tools: generators of committed files and the ontology hygiene checks.

- :mod:`urbankg.tools.gen_namespace` writes ``src/urbankg/_ukg.py`` from the ontology.
- :mod:`urbankg.tools.gen_sdg` writes ``ontology/sdg.ttl`` from the UN SDG KOS dump.
- :mod:`urbankg.tools.ontology_checks` holds the "this query must return no rows" checks.
"""
