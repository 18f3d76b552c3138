"""The closed ``ukg:`` namespace, generated from the ontology (do not edit by hand).

Regenerate with ``python -m urbankg.tools.gen_namespace`` after changing ``ontology/*.ttl``.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class UKG(DefinedNamespace):
    """Terms of the urbankg ontology ``https://w3id.org/urbankg/def#``."""

    _NS = Namespace("https://w3id.org/urbankg/def#")
    _fail = True

    # Classes
    Actor: URIRef
    Budget: URIRef
    FundingCall: URIRef
    Grant: URIRef
    Initiative: URIRef
    Participation: URIRef
    Programme: URIRef
    Project: URIRef
    Solution: URIRef
    SourceGraph: URIRef

    # Object properties
    budgetOf: URIRef
    derivedSdg: URIRef
    framework: URIRef
    grantee: URIRef
    projectType: URIRef
    region: URIRef
    sdg: URIRef

    # Datatype properties
    amount: URIRef
    businessId: URIRef
    currency: URIRef
    endYear: URIRef
    municipalityCode: URIRef
    roleWording: URIRef
    sourceName: URIRef
    startYear: URIRef
    tripleCount: URIRef
    year: URIRef
