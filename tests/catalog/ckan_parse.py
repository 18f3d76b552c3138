"""Parse a DCAT catalogue with CKAN's DCAT harvester parser; print the CKAN datasets as JSON.

Runs inside the CKAN virtual environment (not urbankg's):
``python ckan_parse.py URL FORMAT LICENCES.json``.
No CKAN site is needed: ``ckanext.dcat.processors.RDFParser`` runs on its own. Two passes:

- ``plain``: the ``euro_dcat_ap_3`` profile alone (a default CKAN with ckanext-dcat);
- ``multilingual``: ``euro_dcat_ap_3`` + ``euro_dcat_ap_scheming`` with a ckanext-scheming
  schema whose title, description and keywords are fluent (fi/sv/en) fields, as a Finnish
  portal configures them. The schema is served by a stand-in for ckanext-scheming's
  ``scheming_dataset_schema_show`` action, the only part of a CKAN site the parser asks for;
  the portal's licence register (``licenses_group_url``) is the JSON file given, as a portal
  lists the licences it knows.
"""

from __future__ import annotations

import json
import sys
import urllib.request

LANGS = ["fi", "sv", "en"]
SCHEMA = {
    "scheming_version": 2,
    "dataset_type": "dataset",
    "form_languages": LANGS,
    "dataset_fields": [
        {"field_name": "title_translated", "validators": "fluent_text"},
        {"field_name": "name", "validators": "not_empty"},
        {"field_name": "notes_translated", "validators": "fluent_text"},
        {"field_name": "tags_translated", "validators": "fluent_tags"},
        {"field_name": "theme", "validators": "scheming_multiple_text"},
        {"field_name": "language", "validators": "scheming_multiple_text"},
        {"field_name": "license_id", "validators": "ignore_missing"},
    ],
    "resource_fields": [
        {"field_name": "url", "validators": "ignore_missing"},
        {"field_name": "name_translated", "validators": "fluent_text"},
        {"field_name": "format", "validators": "ignore_missing"},
    ],
}


def parse(data: bytes, fmt: str, multilingual: bool, licences: str) -> list[dict[str, object]]:
    import ckan.logic
    from ckanext.dcat.processors import RDFParser
    from ckantoolkit import config

    if multilingual:
        config["licenses_group_url"] = f"file://{licences}"
        ckan.logic._actions["scheming_dataset_schema_show"] = lambda context, data_dict: SCHEMA
        profiles = ["euro_dcat_ap_3", "euro_dcat_ap_scheming"]
    else:
        config.pop("licenses_group_url", None)
        ckan.logic._actions.pop("scheming_dataset_schema_show", None)
        ckan.logic._actions.setdefault("_none", lambda context, data_dict: None)
        profiles = ["euro_dcat_ap_3"]
    parser = RDFParser(profiles=profiles)
    parser.parse(data, _format=fmt)
    return list(parser.datasets())


def main() -> None:
    url, fmt, licences = sys.argv[1], sys.argv[2], sys.argv[3]
    with urllib.request.urlopen(url, timeout=60) as response:
        data = response.read()
    out = {
        "plain": parse(data, fmt, False, licences),
        "multilingual": parse(data, fmt, True, licences),
    }
    json.dump(out, sys.stdout, ensure_ascii=False, default=str)


if __name__ == "__main__":
    main()
