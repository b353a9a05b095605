"""The side panels' own words (stance, frames, links, mentions) in the interface language.

Templates get them as ``lt.<key>``; layers.js gets the ``JS_KEYS`` subset as JSON on #layers.
Placeholders in braces are filled in by the code that uses the phrase.
"""
from __future__ import annotations

LANGUAGES = ("en", "ar", "fr")

TEXT: dict[str, tuple[str, str, str]] = {  # key: (en, ar, fr)
    "stance_title": ("Stance toward actors", "الموقف من الفاعلين", "Position envers les acteurs"),
    "scope": ("Scope", "النطاق", "Portée"),
    "whole_document": ("Whole document", "الوثيقة كلها", "Tout le document"),
    "paragraph_n": ("Paragraph {n}", "الفقرة {n}", "Paragraphe {n}"),
    "stance_hint": ("On a row: 1 favor · 2 against · 3 neutral · 0 not stated · Shift+1–3 or +/− intensity · "
                    "E the selected span as evidence · Del clear · ↑↓ move · Esc back to the text",
                    "على السطر: 1 مؤيد · 2 معارض · 3 محايد · 0 غير مصرَّح به · Shift+1–3 أو +/− الشدة · "
                    "E المقطع المحدَّد دليلاً · Del مسح · ↑↓ تنقّل · Esc العودة إلى النص",
                    "Sur une ligne : 1 pour · 2 contre · 3 neutre · 0 non exprimé · Maj+1–3 ou +/− intensité · "
                    "E le segment sélectionné comme preuve · Suppr effacer · ↑↓ se déplacer · Échap retour au texte"),
    "favor": ("Favor", "مؤيد", "Pour"),
    "against": ("Against", "معارض", "Contre"),
    "neutral": ("Neutral", "محايد", "Neutre"),
    "not_stated": ("Not stated", "غير مصرَّح به", "Non exprimé"),
    "no_stance": ("no stance yet", "لا موقف بعد", "pas encore de position"),
    "intensity": ("Intensity", "الشدة", "Intensité"),
    "counted_title": ("mentions that count; +n? uncertain ones waiting for your verdict",
                      "الإشارات المحسوبة؛ و+n؟ إشارات غير مؤكدة تنتظر حكمك",
                      "mentions comptées ; +n? mentions incertaines en attente de votre avis"),
    "quoted": ("Quoted sources' stances", "مواقف المصادر المقتبَسة", "Positions des sources citées"),
    "holder_placeholder": ("Who (e.g. the minister)", "مَن (مثلاً: الوزير)", "Qui (p. ex. le ministre)"),
    "add": ("Add", "إضافة", "Ajouter"),
    "add_actor": ("Add an actor", "إضافة فاعل", "Ajouter un acteur"),
    "no_actor_document": ("No actor of the registry is mentioned in this document.",
                          "لا يُذكر في هذه الوثيقة أي فاعل من السجل.",
                          "Aucun acteur du registre n'est mentionné dans ce document."),
    "no_actor_paragraph": ("No actor of the registry is mentioned in this paragraph.",
                           "لا يُذكر في هذه الفقرة أي فاعل من السجل.",
                           "Aucun acteur du registre n'est mentionné dans ce paragraphe."),
    "proposed": ("proposed", "مقترَح", "proposé"),
    "evidence": ("Evidence", "الأدلة", "Preuves"),
    "remove": ("Remove", "إزالة", "Retirer"),
    "frames_title": ("Frames", "الأطر", "Cadrages"),
    "primary_required": ("a primary frame is required", "الإطار الرئيسي مطلوب", "un cadrage principal est requis"),
    "primary_frame": ("Primary frame", "الإطار الرئيسي", "Cadrage principal"),
    "none": ("— none —", "— لا شيء —", "— aucun —"),
    "secondary_frames": ("Secondary frames", "أطر ثانوية", "Cadrages secondaires"),
    "links_title": ("Links", "الروابط", "Liens"),
    "argument_map": ("Argument map", "خريطة الحجاج", "Carte argumentative"),
    "links_hint": ("Select a span, press L (or “Link…” in its menu), then click the span it supports or attacks.",
                   "حدّد مقطعاً واضغط L (أو «ربط…» في قائمته)، ثم انقر المقطع الذي يدعمه أو يعترض عليه.",
                   "Sélectionnez un segment, appuyez sur L (ou « Lier… » dans son menu), puis cliquez le segment "
                   "qu'il soutient ou attaque."),
    "no_links": ("No links yet.", "لا روابط بعد.", "Aucun lien pour l'instant."),
    "supports": ("supports", "يدعم", "soutient"),
    "attacks": ("attacks", "يعترض على", "attaque"),
    "link_as": ("Link «{source}» to «{target}» as:", "ربط «{source}» بـ«{target}» بوصفه:",
                "Lier « {source} » à « {target} » comme :"),
    "cancel": ("Cancel", "إلغاء", "Annuler"),
    "mentions_title": ("Mentions", "الإشارات", "Mentions"),
    "mentions_count": ("{n} in this document", "{n} في هذه الوثيقة", "{n} dans ce document"),
    "uncertain_count": ("{n} uncertain: they count only once you confirm them",
                        "{n} غير مؤكدة: لا تُحسب إلا بعد تأكيدك",
                        "{n} incertaines : comptées seulement une fois confirmées"),
    "confirm": ("Confirm", "تأكيد", "Confirmer"),
    "alias_group": ("{n} uncertain mentions of «{alias}» → {actor}", "{n} إشارات غير مؤكدة لـ«{alias}» ← {actor}",
                    "{n} mentions incertaines de « {alias} » → {actor}"),
    "confirm_all": ("Confirm all {n}", "تأكيد الـ{n} كلها", "Confirmer les {n}"),
    "reject_all": ("Reject all {n}", "رفض الـ{n} كلها", "Rejeter les {n}"),
    "not_a_mention": ("Not a mention", "ليست إشارة", "Pas une mention"),
    "undo": ("Undo", "تراجع", "Annuler"),
    "all_mentions": ("All mentions ({n})", "كل الإشارات ({n})", "Toutes les mentions ({n})"),
    "marked_by_you": ("marked by you", "علّمتَها أنت", "marquée par vous"),
    "rejected": ("not a mention", "ليست إشارة", "pas une mention"),
    "uncertain": ("uncertain", "غير مؤكدة", "incertaine"),
    "selection": ("Selection:", "التحديد:", "Sélection :"),
    "select_words": ("select words in the text", "حدّد كلمات في النص", "sélectionnez des mots dans le texte"),
    "mark_as": ("Mark it as a mention of", "علّمه إشارةً إلى", "La marquer comme mention de"),
    "mark": ("Mark", "تعليم", "Marquer"),
    "propose_title": ("Propose a new actor from the selection", "اقتراح فاعل جديد من التحديد",
                      "Proposer un nouvel acteur à partir de la sélection"),
    "name": ("Name", "الاسم", "Nom"),
    "kind": ("Kind", "النوع", "Type"),
    "propose": ("Propose", "اقتراح", "Proposer"),
    "propose_note": ("Only you and the project's leads see your proposal; a lead adds it to the registry or merges "
                     "it into an actor already there.",
                     "لا يرى اقتراحك إلا أنت ومشرفو المشروع؛ يضيفه المشرف إلى السجل أو يدمجه في فاعل موجود.",
                     "Seuls vous et les responsables du projet voyez votre proposition ; un responsable l'ajoute au "
                     "registre ou la fusionne avec un acteur existant."),
    "rejected_title": ("Your proposals a lead rejected", "اقتراحاتك التي رفضها المشرف",
                       "Vos propositions refusées par un responsable"),
    "rejected_note": ("Their marks no longer count; mark the text as a mention of an actor of the registry if one "
                      "fits.", "لم تعد علاماتها تُحسب؛ علّم النص إشارةً إلى فاعل من السجل إن وُجد ما يناسبه.",
                      "Leurs marques ne comptent plus ; marquez le texte comme mention d'un acteur du registre "
                      "s'il y en a un qui convient."),
    "rejected_reason": ("Reason:", "السبب:", "Raison :"),
    "claim_targets": ("This claim targets", "يستهدف هذا الادعاء", "Cette affirmation vise"),
    "no_target": ("— no actor —", "— لا فاعل —", "— aucun acteur —"),
    "as": ("as", "بوصفه", "comme"),
    "save_target": ("Save target", "حفظ الهدف", "Enregistrer la cible"),
    "map_counts": ("{spans} spans · {links} links", "{spans} مقطعاً · {links} رابطاً",
                   "{spans} segments · {links} liens"),
    "map_arrows": ("Arrows go from the supporting or attacking span to the one it argues about:",
                   "تتجه الأسهم من المقطع الداعم أو المعترض إلى المقطع الذي يحاجّ فيه:",
                   "Les flèches vont du segment qui soutient ou attaque vers celui dont il traite :"),
    "map_supports": ("solid green: supports", "أخضر متصل: يدعم", "vert plein : soutient"),
    "map_attacks": ("dashed red: attacks", "أحمر متقطع: يعترض", "rouge pointillé : attaque"),
    "map_click": ("Click a box to open its span in the text.", "انقر مربعاً لفتح مقطعه في النص.",
                  "Cliquez une boîte pour ouvrir son segment dans le texte."),
    "map_empty": ("No claims or evidence in this set yet.", "لا ادعاءات ولا أدلة في هذه المجموعة بعد.",
                  "Aucune affirmation ni preuve dans ce jeu pour l'instant."),
    "back_to_document": ("Back to the document", "العودة إلى الوثيقة", "Retour au document"),
    "state": ("state", "دولة", "État"),
    "armed_group": ("armed group", "جماعة مسلحة", "groupe armé"),
    "organisation": ("organisation", "منظمة", "organisation"),
    "person": ("person", "شخص", "personne"),
    "other": ("other", "أخرى", "autre"),
    # layers.js
    "js_link_start": ("Link: click the span this one supports or attacks (or move with J/K and press Enter). "
                      "Esc cancels.",
                      "ربط: انقر المقطع الذي يدعمه هذا المقطع أو يعترض عليه (أو تنقّل بـJ/K ثم Enter). Esc للإلغاء.",
                      "Lien : cliquez le segment que celui-ci soutient ou attaque (ou J/K puis Entrée). Échap annule."),
    "js_link_select": ("Select a span first (click it, or J/K), then press L.",
                       "حدّد مقطعاً أولاً (انقره أو استعمل J/K) ثم اضغط L.",
                       "Sélectionnez d'abord un segment (clic, ou J/K), puis appuyez sur L."),
    "js_link_self": ("A span cannot be linked to itself: choose another span.",
                     "لا يُربط المقطع بنفسه: اختر مقطعاً آخر.", "Un segment ne peut être lié à lui-même."),
    "js_link_cancelled": ("Link cancelled.", "أُلغي الربط.", "Lien annulé."),
    "js_link_choose": ("Choose the link's type: 1, 2… (Esc cancels).", "اختر نوع الرابط: 1، 2… (Esc للإلغاء).",
                       "Choisissez le type du lien : 1, 2… (Échap annule)."),
    "js_link_saved": ("Links saved.", "حُفظت الروابط.", "Liens enregistrés."),
    "js_intensity_first": ("Intensity goes with favor or against: press 1 or 2 first.",
                           "الشدة للتأييد أو المعارضة فقط: اضغط 1 أو 2 أولاً.",
                           "L'intensité va avec pour ou contre : appuyez d'abord sur 1 ou 2."),
    "js_stance_first": ("Take a stance first (1, 2, 3 or 0), then add its evidence.",
                        "حدّد الموقف أولاً (1 أو 2 أو 3 أو 0) ثم أضف دليله.",
                        "Prenez d'abord position (1, 2, 3 ou 0), puis ajoutez sa preuve."),
    "js_evidence_select": ("Select the span that shows this stance in the text first (click it), then come back "
                           "with S and press E.",
                           "حدّد في النص المقطع الذي يُظهر هذا الموقف أولاً (انقره)، ثم عُد بـS واضغط E.",
                           "Sélectionnez d'abord dans le texte le segment qui montre cette position, puis revenez "
                           "avec S et appuyez sur E."),
    "js_links_gone": ("{n} link(s) went with the deleted span.", "حُذف {n} من الروابط مع المقطع.",
                      "{n} lien(s) supprimé(s) avec le segment."),
    "js_links_of_span": ("{n} link(s) go with it if you delete it", "سيُحذف معه {n} من الروابط إن حذفته",
                         "{n} lien(s) partiront avec lui si vous le supprimez"),
    "js_link_button": ("Link…", "ربط…", "Lier…"),
    "js_key_link": ("Link the selected span to another (then click the target, choose the type)",
                    "ربط المقطع المحدَّد بمقطع آخر (ثم انقر الهدف واختر النوع)",
                    "Lier le segment sélectionné à un autre (puis cliquer la cible, choisir le type)"),
    "js_key_stance": ("Go to the stance panel (1 favor, 2 against, 3 neutral, 0 not stated)",
                      "الانتقال إلى لوحة المواقف (1 مؤيد، 2 معارض، 3 محايد، 0 غير مصرَّح به)",
                      "Aller au panneau des positions (1 pour, 2 contre, 3 neutre, 0 non exprimé)"),
    # layers_saving.js: what a failed write in a panel was, as the banner lists it
    "js_op_stance": ("stance toward {actor}: {value}", "الموقف من {actor}: {value}", "position envers {actor} : {value}"),
    "js_op_stance_clear": ("clearing the stance toward {actor}", "مسح الموقف من {actor}",
                           "effacement de la position envers {actor}"),
    "js_op_evidence": ("evidence for the stance toward {actor}", "دليل الموقف من {actor}",
                       "preuve de la position envers {actor}"),
    "js_op_frame": ("the frame choice", "اختيار الإطار", "le choix du cadrage"),
    "js_op_link": ("the link", "الرابط", "le lien"),
    "js_op_link_delete": ("removing the link", "إزالة الرابط", "la suppression du lien"),
    "js_op_mention": ("the mention", "الإشارة", "la mention"),
    "js_op_target": ("the claim's target", "هدف الادعاء", "la cible de l'affirmation"),
    "js_op_panel": ("the side panel", "اللوحة الجانبية", "le panneau latéral"),
    "js_favor": ("favor", "مؤيد", "pour"),
    "js_against": ("against", "معارض", "contre"),
    "js_neutral": ("neutral", "محايد", "neutre"),
    "js_not_stated": ("not stated", "غير مصرَّح به", "non exprimé"),
}

JS_KEYS = tuple(key for key in TEXT if key.startswith("js_"))
_BY_LANGUAGE: dict[str, dict[str, str]] = {}


def layer_words(language: str) -> dict[str, str]:
    if language not in _BY_LANGUAGE:
        column = LANGUAGES.index(language) if language in LANGUAGES else 0
        _BY_LANGUAGE[language] = {key: texts[column] for key, texts in TEXT.items()}
    return _BY_LANGUAGE[language]


def layer_js_words(language: str) -> dict[str, str]:
    table = layer_words(language)
    return {key: table[key] for key in JS_KEYS}
