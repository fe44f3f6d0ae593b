"""援疆通 (yuanjiang): the system of record for paired assistance to Xinjiang."""

__version__ = "0.1.0"
