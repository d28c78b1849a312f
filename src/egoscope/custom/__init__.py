"""Custom categories by example: a YAML file of example sentences, matched by sentence similarity.

No code and no training: ``Engine.load(custom_categories=[path, ...])``. See docs/custom-categories.md.
"""

from egoscope.custom.detector import CustomDetector, load_detector
from egoscope.custom.encoder import SentenceEncoder
from egoscope.custom.loader import CustomCategory, load_categories, load_category
from egoscope.custom.schema import CustomCategoryFile

__all__ = ["CustomCategory", "CustomCategoryFile", "CustomDetector", "SentenceEncoder", "load_categories",
           "load_category",
           "load_detector"]
