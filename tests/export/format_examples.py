"""Example files of other tools' formats, written by hand for the tests from the published
specifications (docs/formats.md): Arabic with diacritics, emoji and a flag, mixed direction, CRLF
line ends in brat's .txt, discontinuous fragments, stacked and multi-token WebAnno spans."""
from __future__ import annotations

import io
import json
import zipfile

# brat: the .txt has CRLF line ends and a title line; offsets count code points over the file as it is.
BRAT_TXT = ("أوروبا والساحل 🌍\r\n\r\nارتفعت أسعارُ الغذاء بنسبة 40%، وهذا دليلٌ على فشل العقوبات.\r\n"
            "لم يَعُدْ بوسعِ أوروبا تجاهلُ الساحل.\r\n\r\nThe EU — الاتحاد الأوروبي — must act 🇪🇺.\r\n")
BRAT_ANN1 = (
    "T1\tPremise 20 50\tارتفعت أسعارُ الغذاء بنسبة 40%\n"
    "T2\tClaim 52 79\tوهذا دليلٌ على فشل العقوبات\n"
    "T3\tMajorClaim 82 118\tلم يَعُدْ بوسعِ أوروبا تجاهلُ الساحل\n"
    "T4\tLoaded_Language 71 80;82 91\tالعقوبات. لم يَعُدْ\n"  # fragments around a line break: one span
    "T5\tName_Calling-Labeling 123 148\tThe EU — الاتحاد الأوروبي\n"
    "R1\tSupport Arg1:T1 Arg2:T2\n"
    "R2\tsupports Arg1:T2 Arg2:T3\n"
    "A1\tType T1 Statistic\n"
    "#1\tAnnotatorNotes T2\tنقطة مهمة\n"
    "N1\tReference T5 Wikidata:Q458\tEU\n"
)
BRAT_ANN2 = (
    "T1\tClaim 0 14\tأوروبا والساحل\n"
    "T2\tPremise 151 162\tmust act 🇪🇺\n"
    "R1\tAttack Arg1:T2 Arg2:T1\n"
    "M1\tType T2 Example\n"
)
LABEL_MAP = b"labels:\n  Premise: evidence\nattributes:\n  Type: evidence_type\n"


def brat_folder(root, ann1: str = BRAT_ANN1, ann2: str = BRAT_ANN2):
    """brat's own layout: a folder per annotator, each with the .txt and its .ann."""
    for owner, ann in (("ann1", ann1), ("ann2", ann2)):
        (root / owner).mkdir(parents=True, exist_ok=True)
        (root / owner / "sahel-brat.txt").write_bytes(BRAT_TXT.encode())
        (root / owner / "sahel-brat.ann").write_bytes(ann.encode())
    return root


def brat_zip(ann1: str = BRAT_ANN1, ann2: str = BRAT_ANN2, txt: str = BRAT_TXT) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for owner, ann in (("ann1", ann1), ("ann2", ann2)):
            archive.writestr(f"corpus/{owner}/sahel-brat.txt", txt.encode())
            archive.writestr(f"corpus/{owner}/sahel-brat.ann", ann.encode())
    return buffer.getvalue()


# Label Studio: a Labels + Relations + Choices project, exported with the annotators' emails.
LS_TEXT = "لم يَعُدْ بوسعِ أوروبا تجاهلُ الساحل 🌍\n\nارتفعت أسعارُ الغذاء بنسبة 40%، وهذا دليلٌ على فشل العقوبات."
LS_TASKS = [
    {"id": 101, "data": {"text": LS_TEXT, "external_id": "sahel-ls"},
     "annotations": [
         {"id": 7, "completed_by": {"id": 3, "email": "ann1@team.example"}, "was_cancelled": False, "result": [
             {"id": "r1", "type": "labels", "from_name": "label", "to_name": "text",
              "value": {"start": 0, "end": 38, "text": "لم يَعُدْ بوسعِ أوروبا تجاهلُ الساحل 🌍", "labels": ["MajorClaim"]}},
             {"id": "r2", "type": "labels", "from_name": "label", "to_name": "text",
              "value": {"start": 40, "end": 70, "text": "ارتفعت أسعارُ الغذاء بنسبة 40%", "labels": ["Premise"]}},
             {"id": "r2", "type": "choices", "from_name": "Type", "to_name": "text",
              "value": {"start": 40, "end": 70, "text": "ارتفعت أسعارُ الغذاء بنسبة 40%", "choices": ["Statistic"]}},
             {"id": "r3", "type": "labels", "from_name": "label", "to_name": "text",
              "value": {"start": 72, "end": 99, "text": "وهذا دليلٌ على فشل العقوبات", "labels": ["Claim"]}},
             {"from_id": "r2", "to_id": "r3", "type": "relation", "direction": "right", "labels": ["support"]},
             {"from_id": "r1", "to_id": "r3", "type": "relation", "direction": "left", "labels": ["support"]},
             {"id": "c1", "type": "choices", "from_name": "primary_frame", "to_name": "text",
              "value": {"choices": ["Economic"]}},
             {"id": "c2", "type": "choices", "from_name": "frames", "to_name": "text",
              "value": {"choices": ["security and defense"]}},
         ]},
         {"id": 8, "completed_by": {"id": 4, "email": "ann2@team.example"}, "was_cancelled": False, "result": [
             {"id": "x1", "type": "labels", "from_name": "label", "to_name": "text",
              "value": {"start": 87, "end": 99, "text": "فشل العقوبات", "labels": ["Loaded_Language", "Claim"]}},
         ]},
     ],
     "predictions": [{"model_version": "argmin-1", "result": [
         {"id": "p1", "type": "labels", "from_name": "label", "to_name": "text",
          "value": {"start": 16, "end": 22, "text": "أوروبا", "labels": ["Claim"]}}]}]},
    {"id": 102, "data": {"text": "Mixed: the EU — الاتحاد الأوروبي — 🇪🇺 acts."},
     "annotations": [{"id": 9, "completed_by": {"email": "ann1@team.example"}, "result": [
         {"id": "e1", "type": "labels", "from_name": "label", "to_name": "text",
          "value": {"start": 11, "end": 32, "text": "EU — الاتحاد الأوروبي", "labels": ["Claim"]}}]}]},
]
LS_LABEL_MAP = b"labels:\n  Premise: evidence\nattributes:\n  Type: evidence_type\n"


def ls_json(tasks=None) -> bytes:
    return json.dumps(LS_TASKS if tasks is None else tasks, ensure_ascii=False).encode()


# WebAnno TSV 3.3 as INCEpTION writes it: UTF-16 offsets (the emoji counts two), a multi-token
# span, two stacked spans on one token, a relation whose ends are told apart by their ids.
WEBANNO_TSV = (
    "#FORMAT=WebAnno TSV 3.3\n"
    "#T_SP=webanno.custom.Argument|ArgType|Type\n"
    "#T_SP=webanno.custom.Technique|Technique\n"
    "#T_RL=webanno.custom.Support|Kind|BT_webanno.custom.Argument\n"
    "\n\n"
    "#Text=أوروبا 🌍 والساحل\n"
    "1-1\t0-6\tأوروبا\tMajorClaim[1]\t*[1]\t_\tsupport\t2-1[2_1]\t\n"
    "1-2\t7-9\t🌍\tMajorClaim[1]\t*[1]\t_\t_\t_\t\n"
    "1-3\t10-17\tوالساحل\tMajorClaim[1]\t*[1]\t_\t_\t_\t\n"
    "\n"
    "#Text=ارتفعت الأسعار 40% بسبب العقوبات.\n"
    "2-1\t19-25\tارتفعت\tPremise[2]\tStatistic[2]\t_\t_\t_\t\n"
    "2-2\t26-33\tالأسعار\tPremise[2]\tStatistic[2]\t_\t_\t_\t\n"
    "2-3\t34-37\t40%\tPremise[2]\tStatistic[2]\t_\t_\t_\t\n"
    "2-4\t38-42\tبسبب\t_\t_\t_\t_\t_\t\n"
    "2-5\t43-51\tالعقوبات\tClaim[3]|Premise[4]\t*[3]|Example[4]\tLoaded\\_Language\tsupport\t2-5[4_3]\t\n"
    "2-6\t51-52\t.\t_\t_\t_\t_\t_\t\n"
)
WEBANNO_LABEL_MAP = b"labels:\n  Premise: evidence\nattributes:\n  Type: evidence_type\n"
# A relation sits on its dependent's first token: Premise[2] (governor, on 2-1) supports
# MajorClaim[1] (on 1-1); the stacked Premise[4] on 2-5 supports the stacked Claim[3] there.

DOCCANO_LINES = [
    {"id": 1, "text": "ارتفعت أسعارُ الغذاء 🌍 بنسبة 40%. وهذا دليلٌ على فشل العقوبات.",
     "entities": [{"id": 10, "label": "Premise", "start_offset": 0, "end_offset": 32},
                  {"id": 11, "label": "Claim", "start_offset": 34, "end_offset": 61}],
     "relations": [{"id": 5, "from_id": 10, "to_id": 11, "type": "supports"}], "label": ["economic"]},
    {"id": 2, "text": "The EU — الاتحاد الأوروبي — must act.",
     "entities": [{"id": 12, "label": "claim", "start_offset": 0, "end_offset": 36}], "relations": []},
]


def doccano_jsonl(lines=None) -> bytes:
    return b"".join(json.dumps(line, ensure_ascii=False).encode() + b"\n" for line in (lines or DOCCANO_LINES))


# AIF as OVA saves it: I-nodes with the text only, L- and YA-nodes of the dialogue, RA and CA nodes.
AIF_GRAPH = {
    "nodes": [
        {"nodeID": "1", "text": "لم يَعُدْ بوسعِ أوروبا تجاهلُ منطقةِ الساحل 🌍", "type": "I", "timestamp": "2024-03-01 12:00:00"},
        {"nodeID": "2", "text": "ارتفعت أسعارُ الغذاء بنسبة 40%", "type": "I", "timestamp": "2024-03-01 12:00:00"},
        {"nodeID": "3", "text": "وهذا دليلٌ على فشل العقوبات", "type": "I", "timestamp": "2024-03-01 12:00:00"},
        {"nodeID": "4", "text": "Default Inference", "type": "RA", "timestamp": "2024-03-01 12:00:00"},
        {"nodeID": "5", "text": "Default Inference", "type": "RA", "timestamp": "2024-03-01 12:00:00"},
        {"nodeID": "6", "text": "Default Conflict", "type": "CA", "timestamp": "2024-03-01 12:00:00"},
        {"nodeID": "7", "text": "الكاتب: ارتفعت أسعارُ الغذاء", "type": "L", "timestamp": "2024-03-01 12:00:00"},
        {"nodeID": "8", "text": "Asserting", "type": "YA", "timestamp": "2024-03-01 12:00:00"},
    ],
    "edges": [
        {"edgeID": "1", "fromID": "2", "toID": "4", "formEdgeID": None},
        {"edgeID": "2", "fromID": "4", "toID": "3", "formEdgeID": None},
        {"edgeID": "3", "fromID": "3", "toID": "5", "formEdgeID": None},
        {"edgeID": "4", "fromID": "5", "toID": "1", "formEdgeID": None},
        {"edgeID": "5", "fromID": "7", "toID": "8", "formEdgeID": None},
        {"edgeID": "6", "fromID": "8", "toID": "2", "formEdgeID": None},
    ],
    "locutions": [{"nodeID": "7", "personID": "1"}],
    "participants": [{"participantID": "1", "firstname": "الكاتب", "surname": ""}],
}


def aif_json(graph=None) -> bytes:
    return json.dumps(AIF_GRAPH if graph is None else graph, ensure_ascii=False).encode()
