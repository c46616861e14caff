"""Text → policy model: reading, cleaning, segmentation and recognition of areas, measures, institutions and duties."""
