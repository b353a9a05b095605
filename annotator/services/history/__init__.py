"""History: an annotator's undo and redo in a set, the set's history panel, and the project audit."""
