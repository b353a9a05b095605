"""The annotation pages' own words in the interface language (English, Arabic, French).

Templates get them as ``t.<key>``; annotate.js gets the ``JS_KEYS`` subset as JSON on the page.
Placeholders in braces ({label}, {text}) are filled in by the code that uses the phrase.
"""
from __future__ import annotations

from ..i18n import N_, translate

TEXT: dict[str, str] = {  # key: the English phrase, its msgid in the catalogs
    "my_documents": N_("My documents"),
    "not_started": N_("Not started"),
    "in_progress": N_("In progress"),
    "done": N_("Done"),
    "skipped": N_("Skipped"),
    "mark_done": N_("Mark done"),
    "reopen": N_("Reopen"),
    "skip": N_("Skip…"),
    "skip_why": N_("Why skip this document?"),
    "skip_document": N_("Skip document"),
    "skipped_because": N_("Skipped because:"),
    "spans": N_("spans"),
    "finished_of": N_("{done} of {total} finished"),
    "document": N_("Document"),
    "project": N_("Project"),
    "language": N_("Language"),
    "paragraphs": N_("Paragraphs"),
    "status": N_("Status"),
    "untitled": N_("(untitled)"),
    "nothing_assigned": N_("No documents are assigned to you yet."),
    "read_only": N_("Read only: this is another annotator's set."),
    "hint_ready": N_("Select words in the text, then press a label's key."),
    "hint_done": N_("This document is marked done: reopen it to change its annotations."),
    "hint_across": N_("A span must stay inside one paragraph: select text within a single paragraph."),
    "hint_select_first": N_("Select words in the text first, or click a span to change its label."),
    "snap_words": N_("Snap to whole words"),
    "keys_title": N_("Keys"),
    "selected": N_("Selected:"),
    "delete": N_("Delete"),
    "not_saved": N_("Not saved:"),
    "n_not_saved": N_("{n} changes not saved:"),
    "login_again": N_("Log in again (new tab)"),
    "retry": N_("Retry"),
    "discard": N_("Discard these changes"),
    "dismiss": N_("Dismiss"),
    "session_ended": N_("your session has ended"),
    "not_sent": N_("not sent: your session has ended"),
    "unreachable": N_("the server could not be reached"),
    "server_failed": N_("the server could not save it; try again"),
    "fresh_paragraph": N_("The paragraph now shows its current state."),
    "still_logged_out": N_("still not logged in: log in again first"),
    "op_create": N_("{label} on «{text}»"),
    "op_change": N_("change to {label} of «{text}»"),
    "op_attribute": N_("{attribute} of «{text}»"),
    "op_delete": N_("deletion of {label} «{text}»"),
    "op_status": N_("the document's status"),
    "guidelines": N_("Guidelines"),
    "guidelines_hint": N_("Select a span or use a label: its guidelines appear here. G hides this panel."),
    "no_page": N_("This label has no guidelines page yet: this is the scheme's description."),
    "examples": N_("Examples"),
    "keys_note": N_("Keys are physical positions, so they work with an Arabic keyboard layout too."),
    "key_tag": N_("Tag the selection as {label} (or change the selected span to it)"),
    "key_next": N_("Next span"),
    "key_previous": N_("Previous span"),
    "key_delete": N_("Delete the selected span"),
    "key_escape": N_("Close, or clear the selection"),
    "key_undo": N_("Undo your last change in this document"),
    "key_redo": N_("Redo the change you undid"),
    "key_palette": N_("Open the label palette (type to filter, in Arabic or English)"),
    "key_guidelines": N_("Show or hide the guidelines"),
    "key_help": N_("This list of keys"),
    "close": N_("Close"),
    "filter": N_("Type to filter · اكتب للتصفية"),
    "history_unreachable": N_("The server could not be reached: nothing was undone or redone."),
    "server_answered": N_("the server answered {status}"),
    # The service's own words (services/history/undo.py): the page tells them from a real failure.
    "nothing_to_undo": N_("nothing to undo in this document"),
    "nothing_to_redo": N_("nothing to redo in this document"),
    "palette_hint": N_("↑ ↓ to move, Enter to choose, Esc to close."),
    # Notes for the adjudicator on a span or a stance (annotate_notes.js).
    "note_button": N_("Note…"),
    "note_label": N_("Note:"),
    "key_note": N_("Write a note for the adjudicator on the selected span or the stance in focus"),
    "note_select_first": N_("Select a span, or go to a stance, to write a note on it."),
    "note_stance_first": N_("Take a stance first: a note goes on a stance."),
    "note_saved": N_("Note saved."),
    "note_removed": N_("Note removed."),
    "op_note": N_("note for the adjudicator"),
}
JS_KEYS = ("hint_ready", "hint_done", "hint_across", "hint_select_first", "not_saved", "n_not_saved", "login_again",
           "retry", "discard", "dismiss", "session_ended", "not_sent", "unreachable", "server_failed",
           "fresh_paragraph", "still_logged_out", "op_create", "op_change", "op_attribute", "op_delete", "op_status",
           "key_palette", "key_guidelines", "key_help", "history_unreachable", "server_answered",
           "nothing_to_undo", "nothing_to_redo", "note_button", "note_label", "key_note", "note_select_first",
           "note_stance_first", "note_saved", "note_removed", "op_note")


class Words(dict):
    """The phrases in one language; a template reads them as attributes (``t.mark_done``)."""

    def __getattr__(self, key: str) -> str:
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key) from None


_BY_LANGUAGE: dict[str, Words] = {}


def words(language: str) -> Words:
    if language not in _BY_LANGUAGE:
        _BY_LANGUAGE[language] = Words({key: translate(english, language) for key, english in TEXT.items()})
    return _BY_LANGUAGE[language]


def js_words(language: str) -> dict[str, str]:
    table = words(language)
    return {key: table[key] for key in JS_KEYS}
