"""Named SPARQL queries (one ``.rq`` file each), loaded with ``urbankg.resources.query_text``."""
