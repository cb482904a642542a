"""budget-kg: Chinese budget disclosures as a validated linked-data knowledge graph."""

__version__ = "0.1.0"
