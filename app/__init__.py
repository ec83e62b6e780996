"""OrderDesk: a desktop back office for a shop's order queue."""

__version__ = "0.1.0"
