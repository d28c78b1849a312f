"""Labelled data, the learned sentence classifier, and their evaluation."""
