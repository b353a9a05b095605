"""JSON text of many small values, as json.dumps writes it, at a fraction of its cost.

json.dumps makes a new C encoder (and a dict of visited objects) for every call: on a value of a
few keys that is most of its time, and a bulk write encodes hundreds of thousands of them (the
sources of every gold decision of ``adjudicate --auto``). The C encoder made once, without the
check for cycles (the values are trees built by our code), writes the same text."""
from __future__ import annotations

import json
import json.encoder
from collections.abc import Callable


def encoder(*, ensure_ascii: bool = True, separators: tuple[str, str] = (", ", ": ")) -> Callable[[object], str]:
    """A function writing what ``json.dumps(value, ensure_ascii=..., separators=...)`` writes."""
    item_separator, key_separator = separators
    make = json.encoder.c_make_encoder
    if make is None:  # a Python without the _json accelerator
        return json.JSONEncoder(ensure_ascii=ensure_ascii, separators=separators).encode
    strings = json.encoder.encode_basestring_ascii if ensure_ascii else json.encoder.encode_basestring
    encode = make(None, json.JSONEncoder().default, strings, None, key_separator, item_separator,
                  False, False, True)  # sort_keys, skipkeys, allow_nan: json.dumps's defaults
    return lambda value: "".join(encode(value, 0))


dumps = encoder()  # json.dumps(value)
