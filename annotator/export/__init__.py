"""Exports and the interchange format, in doccano's pipeline shape: dataset -> formatters -> writer.

* ``dataset``  streams rows from the database (the only module here that builds queries);
* ``tables`` / ``sheets``  turn rows into the columns a reader sees (pure formatting);
* ``xlsx_writer``, ``csv_writer``, ``jsonl``  put them in a file.

``annotator.services.interchange.export`` wires the three together; ``annotator.services.interchange.annotations_import``
reads the JSONL format back (``jsonl_reader`` validates it record by record).
"""
