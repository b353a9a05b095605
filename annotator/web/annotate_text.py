"""The annotation pages' own words in the interface language (English, Arabic, French).

Templates get them as ``t.<key>``; annotate.js gets the ``JS_KEYS`` subset as JSON on the page.
Placeholders in braces ({label}, {text}) are filled in by the code that uses the phrase.
"""
from __future__ import annotations

TEXT: dict[str, tuple[str, str, str]] = {  # key: (en, ar, fr)
    "my_documents": ("My documents", "وثائقي", "Mes documents"),
    "not_started": ("Not started", "لم يبدأ", "Non commencé"),
    "in_progress": ("In progress", "قيد العمل", "En cours"),
    "done": ("Done", "منجز", "Terminé"),
    "skipped": ("Skipped", "متجاوَز", "Ignoré"),
    "mark_done": ("Mark done", "تعليم كمنجز", "Marquer terminé"),
    "reopen": ("Reopen", "إعادة فتح", "Rouvrir"),
    "skip": ("Skip…", "تجاوز…", "Ignorer…"),
    "skip_why": ("Why skip this document?", "لماذا تتجاوز هذه الوثيقة؟", "Pourquoi ignorer ce document ?"),
    "skip_document": ("Skip document", "تجاوز الوثيقة", "Ignorer le document"),
    "skipped_because": ("Skipped because:", "سبب التجاوز:", "Ignoré parce que :"),
    "spans": ("spans", "مقاطع", "segments"),
    "finished_of": ("{done} of {total} finished", "أُنجز {done} من {total}", "{done} sur {total} terminés"),
    "document": ("Document", "الوثيقة", "Document"),
    "project": ("Project", "المشروع", "Projet"),
    "language": ("Language", "اللغة", "Langue"),
    "paragraphs": ("Paragraphs", "الفقرات", "Paragraphes"),
    "status": ("Status", "الحالة", "Statut"),
    "untitled": ("(untitled)", "(بلا عنوان)", "(sans titre)"),
    "nothing_assigned": ("No documents are assigned to you yet.", "لم تُسنَد إليك أي وثيقة بعد.",
                         "Aucun document ne vous est encore attribué."),
    "read_only": ("Read only: this is another annotator's set.", "للقراءة فقط: هذه مجموعة توسيم لمُوسِّم آخر.",
                  "Lecture seule : ce jeu est celui d'un autre annotateur."),
    "hint_ready": ("Select words in the text, then press a label's key.", "حدّد كلمات في النص ثم اضغط مفتاح الوسم.",
                   "Sélectionnez des mots dans le texte, puis appuyez sur la touche d'une étiquette."),
    "hint_done": ("This document is marked done: reopen it to change its annotations.",
                  "هذه الوثيقة مُعلَّمة كمنجزة: أعد فتحها لتغيير توسيماتها.",
                  "Ce document est terminé : rouvrez-le pour modifier ses annotations."),
    "hint_across": ("A span must stay inside one paragraph: select text within a single paragraph.",
                    "يجب أن يبقى المقطع داخل فقرة واحدة: حدّد نصاً ضمن فقرة واحدة.",
                    "Un segment doit rester dans un seul paragraphe : sélectionnez du texte dans un seul paragraphe."),
    "hint_select_first": ("Select words in the text first, or click a span to change its label.",
                          "حدّد كلمات في النص أولاً، أو انقر مقطعاً لتغيير وسمه.",
                          "Sélectionnez d'abord des mots, ou cliquez sur un segment pour changer son étiquette."),
    "snap_words": ("Snap to whole words", "التحديد بكلمات كاملة", "Aligner sur les mots entiers"),
    "keys_title": ("Keys", "المفاتيح", "Touches"),
    "selected": ("Selected:", "المحدَّد:", "Sélectionné :"),
    "delete": ("Delete", "حذف", "Supprimer"),
    "not_saved": ("Not saved:", "لم يُحفَظ:", "Non enregistré :"),
    "n_not_saved": ("{n} changes not saved:", "{n} تغييرات لم تُحفَظ:", "{n} modifications non enregistrées :"),
    "login_again": ("Log in again (new tab)", "سجّل الدخول مجدداً (في لسان جديد)", "Se reconnecter (nouvel onglet)"),
    "retry": ("Retry", "إعادة المحاولة", "Réessayer"),
    "discard": ("Discard these changes", "تجاهل هذه التغييرات", "Abandonner ces modifications"),
    "dismiss": ("Dismiss", "إغلاق", "Fermer"),
    "session_ended": ("your session has ended", "انتهت جلستك", "votre session a expiré"),
    "not_sent": ("not sent: your session has ended", "لم يُرسَل: انتهت جلستك", "non envoyé : votre session a expiré"),
    "unreachable": ("the server could not be reached", "تعذّر الوصول إلى الخادم", "le serveur est injoignable"),
    "server_failed": ("the server failed ({status})", "أخفق الخادم ({status})", "le serveur a échoué ({status})"),
    "fresh_paragraph": ("The paragraph now shows its current state.", "تعرض الفقرة الآن حالتها الراهنة.",
                        "Le paragraphe montre maintenant son état actuel."),
    "still_logged_out": ("still not logged in: log in again first", "ما زلت غير مسجّل الدخول: سجّل الدخول أولاً",
                         "toujours déconnecté : reconnectez-vous d'abord"),
    "op_create": ("{label} on «{text}»", "{label} على «{text}»", "{label} sur « {text} »"),
    "op_change": ("change to {label} of «{text}»", "تغيير «{text}» إلى {label}", "passage en {label} de « {text} »"),
    "op_attribute": ("{attribute} of «{text}»", "{attribute} لـ«{text}»", "{attribute} de « {text} »"),
    "op_delete": ("deletion of {label} «{text}»", "حذف {label} «{text}»", "suppression de {label} « {text} »"),
    "op_status": ("the document's status", "حالة الوثيقة", "le statut du document"),
    "guidelines": ("Guidelines", "الإرشادات", "Consignes"),
    "guidelines_hint": ("Select a span or use a label: its guidelines appear here. G hides this panel.",
                        "حدّد مقطعاً أو استعمل وسماً لتظهر إرشاداته هنا. المفتاح G يُخفي هذه اللوحة.",
                        "Sélectionnez un segment ou utilisez une étiquette : ses consignes s'affichent ici. G masque ce panneau."),
    "no_page": ("This label has no guidelines page yet: this is the scheme's description.",
                "لا توجد صفحة إرشادات لهذا الوسم بعد: هذا وصفه في المخطط.",
                "Cette étiquette n'a pas encore de page de consignes : voici sa description dans le schéma."),
    "examples": ("Examples", "أمثلة", "Exemples"),
    "keys_note": ("Keys are physical positions, so they work with an Arabic keyboard layout too.",
                  "المفاتيح مواضع فعلية على لوحة المفاتيح، فتعمل مع التخطيط العربي أيضاً.",
                  "Les touches sont des positions physiques : elles fonctionnent aussi avec un clavier arabe."),
    "key_tag": ("Tag the selection as {label} (or change the selected span to it)",
                "وسم التحديد بـ{label} (أو تغيير المقطع المحدَّد إليه)",
                "Étiqueter la sélection comme {label} (ou y changer le segment sélectionné)"),
    "key_next": ("Next span", "المقطع التالي", "Segment suivant"),
    "key_previous": ("Previous span", "المقطع السابق", "Segment précédent"),
    "key_delete": ("Delete the selected span", "حذف المقطع المحدَّد", "Supprimer le segment sélectionné"),
    "key_escape": ("Close, or clear the selection", "إغلاق، أو إلغاء التحديد", "Fermer, ou effacer la sélection"),
    "key_undo": ("Undo your last change in this document", "تراجع عن آخر تغيير لك في هذا المستند",
                 "Annuler votre dernière modification dans ce document"),
    "key_redo": ("Redo the change you undid", "أعد التغيير الذي تراجعت عنه", "Rétablir la modification annulée"),
    "key_palette": ("Open the label palette (type to filter, in Arabic or English)",
                    "فتح لوحة الوسوم (اكتب للتصفية بالعربية أو الإنجليزية)",
                    "Ouvrir la palette d'étiquettes (tapez pour filtrer, en arabe ou en anglais)"),
    "key_guidelines": ("Show or hide the guidelines", "إظهار الإرشادات أو إخفاؤها", "Afficher ou masquer les consignes"),
    "key_help": ("This list of keys", "قائمة المفاتيح هذه", "Cette liste de touches"),
    "close": ("Close", "إغلاق", "Fermer"),
    "filter": ("Type to filter · اكتب للتصفية", "اكتب للتصفية · Type to filter", "Tapez pour filtrer · اكتب للتصفية"),
    "palette_hint": ("↑ ↓ to move, Enter to choose, Esc to close.", "↑ ↓ للتنقل، Enter للاختيار، Esc للإغلاق.",
                     "↑ ↓ pour se déplacer, Entrée pour choisir, Échap pour fermer."),
}
LANGUAGES = ("en", "ar", "fr")
JS_KEYS = ("hint_ready", "hint_done", "hint_across", "hint_select_first", "not_saved", "n_not_saved", "login_again",
           "retry", "discard", "dismiss", "session_ended", "not_sent", "unreachable", "server_failed",
           "fresh_paragraph", "still_logged_out", "op_create", "op_change", "op_attribute", "op_delete", "op_status",
           "key_palette", "key_guidelines", "key_help")


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
        column = LANGUAGES.index(language) if language in LANGUAGES else 0
        _BY_LANGUAGE[language] = Words({key: texts[column] for key, texts in TEXT.items()})
    return _BY_LANGUAGE[language]


def js_words(language: str) -> dict[str, str]:
    table = words(language)
    return {key: table[key] for key in JS_KEYS}
