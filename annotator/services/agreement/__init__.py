"""Agreement: the dataset read from the database, the cached report, and the side-by-side comparison."""
