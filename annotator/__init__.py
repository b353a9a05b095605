"""annotator: annotate argument structure, stance and framing of articles; measure agreement."""
