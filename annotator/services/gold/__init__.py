"""The gold version of each document: adjudication from the annotators' done sets, with provenance."""
