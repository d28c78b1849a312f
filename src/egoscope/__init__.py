"""egoscope: find the small remarks that lose customers in French customer conversations."""

__version__ = "0.1.0"
__all__ = ["__version__"]
