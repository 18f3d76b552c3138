"""The app's routers: SPARQL endpoint, REST API, linked data, dumps, operations."""
