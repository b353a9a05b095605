"""The interchange format's name and version (docs/formats.md): the writer puts them in the
header record (annotator.export.jsonl), the reader's schema checks them (annotator.schemas.interchange).
Here rather than in the schema module, so that writing a file does not import marshmallow."""

FORMAT = "annotator-interchange"
VERSION = 1
