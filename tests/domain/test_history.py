"""The undo and redo stacks read from the log, and changes in words: pure, no database."""
from annotator.domain.history import Entry, describe, kind_of, stacks


def test_changes_stack_up_and_undo_moves_them_to_redo():
    log = [Entry(1, "span.create"), Entry(2, "link.create"), Entry(3, "link.delete", "undo", 2)]
    found = stacks(log)
    assert (found.done, found.undone, found.next_undo, found.next_redo) == ((1,), (2,), 1, 2)
    found = stacks([*log, Entry(4, "link.create", "redo", 2)])
    assert (found.done, found.undone) == ((1, 2), ())


def test_a_new_change_empties_the_redo_stack():
    found = stacks([Entry(1, "span.create"), Entry(2, "span.delete", "undo", 1), Entry(3, "frames.set")])
    assert (found.done, found.undone) == ((3,), ())


def test_the_events_of_one_undo_count_once_and_other_actions_are_not_history():
    # Bringing back a deleted span logs the span and its two links: one undo.
    log = [Entry(1, "span.create"), Entry(2, "span.create"), Entry(3, "mention.create"), Entry(4, "span.delete"),
           Entry(5, "span.create", "undo", 4), Entry(6, "link.create", "undo", 4), Entry(7, "link.create", "undo", 4)]
    found = stacks(log)
    assert (found.done, found.undone) == ((1, 2), (4,))
    # Plain tuples (database rows) do as well as entries.
    assert stacks([(1, "span.create", None, None), (2, "span.delete", "undo", 1)]).undone == (1,)


def test_an_undo_of_something_not_on_top_changes_nothing():
    found = stacks([Entry(1, "span.create"), Entry(2, "span.create"), Entry(3, "span.delete", "undo", 1)])
    assert (found.done, found.undone) == ((1, 2), ())


def test_changes_in_words():
    assert describe("span.create", None, {"text": "الرَّئِيسُ", "label": "claim"}) == "tagged «الرَّئِيسُ» as claim"
    assert describe("span.change", {"label": "claim"}, {"label": "evidence", "text": "x"}) == (
        "relabelled «x» from claim to evidence")
    assert describe("link.delete", {"source_label": "evidence", "target_label": "claim", "type": "supports"},
                    None) == "unlinked evidence → claim (supports)"
    assert describe("set.done", {}, {}) == "marked the document done"
    long = describe("span.delete", {"label": "claim", "text": "كلمة " * 20}, None)
    assert long.endswith("…»") and len(long) < 70
    assert kind_of("stance.evidence.add") == "stance"
