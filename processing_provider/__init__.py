"""HyperProspect's Processing provider: thin algorithms over ``models``."""
