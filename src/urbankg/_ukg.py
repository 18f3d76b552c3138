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
    GroupMetrics: URIRef
    Initiative: URIRef
    NetworkAnalysis: URIRef
    Participation: URIRef
    Programme: URIRef
    Project: URIRef
    Solution: URIRef
    SourceGraph: URIRef
    YearSnapshot: URIRef

    # Object properties
    budgetOf: URIRef
    derivedSdg: URIRef
    framework: URIRef
    grantee: URIRef
    group: URIRef
    projectType: URIRef
    region: URIRef
    sdg: URIRef

    # Datatype properties
    actorCount: URIRef
    amount: URIRef
    assortativity: URIRef
    betweenness: URIRef
    brokerageCoordinator: URIRef
    brokerageGatekeeper: URIRef
    brokerageItinerant: URIRef
    brokerageLiaison: URIRef
    brokerageRepresentative: URIRef
    businessId: URIRef
    churn: URIRef
    community: URIRef
    communityNmi: URIRef
    constraint: URIRef
    crossSectorBetweenness: URIRef
    currency: URIRef
    degree: URIRef
    effectiveSize: URIRef
    eiBaseline: URIRef
    eiIndex: URIRef
    eiPValueLower: URIRef
    eiPValueUpper: URIRef
    eiPermutationMean: URIRef
    endYear: URIRef
    filters: URIRef
    groupLevel: URIRef
    layoutX: URIRef
    layoutY: URIRef
    modularity: URIRef
    municipalityCode: URIRef
    newCrossSectorTieCount: URIRef
    newTieCount: URIRef
    parameters: URIRef
    quadrupleHelixMI: URIRef
    roleWording: URIRef
    seed: URIRef
    sourceName: URIRef
    startYear: URIRef
    strength: URIRef
    tieCount: URIRef
    tripleCount: URIRef
    tripleHelixMI: URIRef
    weighting: URIRef
    year: URIRef
